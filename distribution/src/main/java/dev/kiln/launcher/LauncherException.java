package dev.kiln.launcher;

/** A launch that cannot go on; the message says why and is shown to the user as is. */
public class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
