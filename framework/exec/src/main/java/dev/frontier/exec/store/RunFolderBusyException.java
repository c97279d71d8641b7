package dev.frontier.exec.store;

import java.io.IOException;
import java.nio.file.Path;

/** Another live process is writing the run folder: a second sweep into it must not start. */
public final class RunFolderBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    RunFolderBusyException(Path runDir, String owner) {
        super(
                "run folder "
                        + runDir
                        + " is in use by "
                        + (owner.isBlank() ? "another process" : owner)
                        + "; wait for it to finish, or give this run another --out");
    }
}
