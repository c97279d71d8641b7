package dev.frontier.tracking.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A loopback HTTP/1.1 proxy in front of a real server that, per request, passes it on or injects a
 * fault: a 429 or 503 answer, a connection dropped before or after the server handled the request,
 * or a stalled connection. One request per connection.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does with one request. */
    enum Fault {
        PASS,
        TOO_MANY_REQUESTS,
        UNAVAILABLE,
        DROP_BEFORE,
        DROP_AFTER,
        STALL
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final BiFunction<Integer, String, Fault> schedule;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger faults = new AtomicInteger();
    final java.util.Set<Fault> applied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    volatile boolean down;

    FaultProxy(int upstreamPort, BiFunction<Integer, String, Fault> schedule) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.schedule = schedule;
        pool.submit(this::acceptLoop);
    }

    String uri() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                pool.submit(() -> handle(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            byte[] request = readRequest(client.getInputStream());
            if (request == null) {
                return;
            }
            String head = new String(request, StandardCharsets.ISO_8859_1);
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            Fault fault =
                    down
                            ? Fault.DROP_BEFORE
                            : schedule.apply(requests.incrementAndGet(), requestLine);
            if (fault != Fault.PASS) {
                faults.incrementAndGet();
                applied.add(fault);
            }
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case TOO_MANY_REQUESTS ->
                        answer(out, "429 Too Many Requests", "Retry-After: 0\r\n");
                case UNAVAILABLE -> answer(out, "503 Service Unavailable", "");
                case DROP_BEFORE -> client.setSoLinger(true, 0);
                case STALL -> Thread.sleep(8_000);
                case DROP_AFTER -> {
                    forward(request);
                    client.setSoLinger(true, 0);
                }
                case PASS -> out.write(forward(request));
                default -> throw new IllegalStateException("unknown fault " + fault);
            }
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // the client went away; nothing to do
        }
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        byte[] body =
                "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"injected\"}"
                        .getBytes(StandardCharsets.UTF_8);
        out.write(
                ("HTTP/1.1 "
                                + status
                                + "\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length
                                + "\r\n"
                                + headers
                                + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    private byte[] forward(byte[] request) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            upstream.setSoTimeout(30_000);
            upstream.getOutputStream().write(request);
            upstream.getOutputStream().flush();
            return upstream.getInputStream().readAllBytes();
        }
    }

    /** Reads head and body (by Content-Length) and rewrites the head to close the connection. */
    private static byte[] readRequest(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        if (last4 != 0x0d0a0d0a) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        var rewritten = new StringBuilder();
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
            if (lower.startsWith("connection:") || line.isEmpty()) {
                continue;
            }
            rewritten.append(line).append("\r\n");
        }
        rewritten.append("Connection: close\r\n\r\n");
        byte[] body = in.readNBytes(length);
        var all = new ByteArrayOutputStream();
        all.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.write(body);
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pool.shutdownNow();
    }
}
