package io.pirack.ssh;

/** What a remote command printed and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
