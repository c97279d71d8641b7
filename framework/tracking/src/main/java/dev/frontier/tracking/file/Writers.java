package dev.frontier.tracking.file;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalLong;

/** Who writes a store: {@code <pid>@<host>} names, and whether such a process is still alive. */
final class Writers {

    private Writers() {}

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    /** True if {@code pid} is a live process of this machine. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pid of a {@code <pid>@<host>} writer, if it names this host. */
    static OptionalLong localPid(String writer, String host) {
        int at = writer.indexOf('@');
        if (at <= 0 || !writer.substring(at + 1).equals(host)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(writer.substring(0, at)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
