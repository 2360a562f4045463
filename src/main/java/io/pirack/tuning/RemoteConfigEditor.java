package io.pirack.tuning;

import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.ConfigEditPlan;
import io.pirack.core.tuning.FileEdit;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.RestartAction;
import io.pirack.core.validate.Validation;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@link ConfigEditPlan}s on a Pi over a {@link RemoteShell}: read, show, back up, write
 * atomically, restart, and revert byte for byte. File content travels as a base64 argument to a
 * fixed script, never inside a shell line; every path is a plan constant.
 */
public final class RemoteConfigEditor {

    /** The whole content travels as one argument; Linux caps a single argument at 128 KiB. */
    static final int MAX_CONTENT_BYTES = 64 * 1024;
    private static final String ABSENT = "absent";
    private static final int EXIT_MISSING = 3;

    private static final String READ_SCRIPT = "[ -e \"$1\" ] || exit " + EXIT_MISSING + "; exec cat -- \"$1\"";

    /**
     * $1 file, $2 backup, $3 temp, $4 base64 content, $5 sha256 of the content read (or "absent").
     * Refuses when the file changed since it was read; the temp copy carries the file's owner and
     * mode; sync because the next thing the presenter does is pull a plug. One line: the SSH shell
     * refuses line breaks in arguments (a newline is the one thing quoting cannot neutralise).
     */
    private static final String WRITE_SCRIPT = String.join(" ",
            "set -u;",
            "umask 077;",
            "f=$1; b=$2; t=$3; data=$4; expected=$5;",
            "if [ \"$expected\" = " + ABSENT + " ]; then",
            "  if [ -e \"$f\" ]; then echo \"$f appeared since PiRack read it\" >&2; exit 3; fi;",
            "else",
            "  actual=$(sha256sum < \"$f\") || exit 3;",
            "  if [ \"${actual%% *}\" != \"$expected\" ]; then echo \"$f changed since PiRack read it\" >&2; exit 3; fi;",
            "  cp -p -- \"$f\" \"$b\" || exit 4;",
            "  cp -p -- \"$f\" \"$t\" || exit 5;",
            "fi;",
            "printf '%s' \"$data\" | base64 -d > \"$t\" || { rm -f -- \"$t\"; exit 5; };",
            "mv -f -- \"$t\" \"$f\" || { rm -f -- \"$t\"; exit 6; };",
            "sync");

    /** $1 backup, $2 temp, $3 file. */
    private static final String RESTORE_SCRIPT = String.join(" ",
            "set -u;",
            "cp -p -- \"$1\" \"$2\" || exit 4;",
            "mv -f -- \"$2\" \"$3\" || { rm -f -- \"$2\"; exit 6; };",
            "sync");

    private static final String REMOVE_SCRIPT = "rm -f -- \"$1\" && sync";

    /** $1 backup prefix: prints every existing backup, one per line. */
    private static final String LIST_BACKUPS_SCRIPT = "for f in \"$1\"*; do [ -e \"$f\" ] && printf '%s\\n' \"$f\"; done; exit 0";

    private final RemoteShell shell;
    private final Clock clock;
    private final Duration commandTimeout;
    private final Duration restartTimeout;

    /**
     * @param restartTimeout for each restart command; {@code microk8s start} on a Pi takes a minute or more
     */
    public RemoteConfigEditor(RemoteShell shell, Clock clock, Duration commandTimeout, Duration restartTimeout) {
        this.shell = shell;
        this.clock = clock;
        this.commandTimeout = commandTimeout;
        this.restartTimeout = restartTimeout;
    }

    /** Reads files on one Pi (with sudo: manifests are root-only), for reading effective settings. */
    public RemoteFiles filesOn(SshTarget target) {
        return path -> Optional.ofNullable(read(target, path));
    }

    /** Reads the file and computes the edit; nothing on the Pi changes. */
    public PreparedEdit prepare(SshTarget target, ConfigEditPlan plan) throws RemoteCommandException, ConfigEditException {
        String before = read(target, plan.path());
        if (before == null && !plan.createsMissingFile()) {
            throw new ConfigEditException(plan.path() + " does not exist on " + target.alias()
                    + ": is this the right node and distribution?");
        }
        Validation<FileEdit> edit = plan.edit(before);
        if (!edit.isValid()) {
            throw new ConfigEditException(target.alias() + ": " + edit.message());
        }
        if (edit.orThrow().after().getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            throw new ConfigEditException(plan.path() + " on " + target.alias() + " is larger than PiRack edits ("
                    + MAX_CONTENT_BYTES / 1024 + " KiB); edit it by hand");
        }
        return new PreparedEdit(target.alias(), plan, edit.orThrow(), plan.backupPath(clock.instant()));
    }

    /** The file's content, or null when it does not exist. */
    private String read(SshTarget target, String path) throws RemoteCommandException, ConfigEditException {
        CommandResult read = shell.run(target, script(READ_SCRIPT, "pirack-read", path), commandTimeout);
        if (read.exitCode() == EXIT_MISSING) {
            return null;
        }
        if (!read.ok()) {
            throw new ConfigEditException("Could not read " + path + " on " + target.alias() + ": " + firstLine(read.stderr()));
        }
        return read.stdout();
    }

    /**
     * Backs up, writes and restarts on {@code target}, the Pi the edit was prepared on. Refuses if the
     * file changed since {@link #prepare}. A failed restart does not throw: the returned edit says so
     * and can still be reverted.
     */
    public AppliedEdit apply(SshTarget target, PreparedEdit prepared) throws RemoteCommandException, ConfigEditException {
        requireSamePi(target, prepared.pi());
        ConfigEditPlan plan = prepared.plan();
        FileEdit edit = prepared.edit();
        Optional<String> backup = edit.createsFile() ? Optional.empty() : Optional.of(prepared.backupPath());
        if (edit.unchanged()) {
            return new AppliedEdit(prepared.pi(), plan.path(), Optional.empty(), plan.tempPath(), plan.restart(), false, Optional.empty());
        }
        String content = Base64.getEncoder().encodeToString(edit.after().getBytes(StandardCharsets.UTF_8));
        String expected = edit.createsFile() ? ABSENT : sha256(edit.before());
        CommandResult written = shell.run(target,
                script(WRITE_SCRIPT, "pirack-write", plan.path(), prepared.backupPath(), plan.tempPath(), content, expected),
                commandTimeout);
        if (!written.ok()) {
            throw new ConfigEditException(writeFailure(written, plan.path(), target));
        }
        Optional<String> restartProblem = restart(target, plan.restart());
        return new AppliedEdit(prepared.pi(), plan.path(), backup, plan.tempPath(), plan.restart(), true, restartProblem);
    }

    /** The backups PiRack left of this plan's file on the Pi, oldest first (they survive an app restart). */
    public List<String> backups(SshTarget target, ConfigEditPlan plan) throws RemoteCommandException, ConfigEditException {
        CommandResult listed = shell.run(target, script(LIST_BACKUPS_SCRIPT, "pirack-backups", plan.backupPrefix()), commandTimeout);
        if (!listed.ok()) {
            throw new ConfigEditException("Could not list the backups of " + plan.path() + " on " + target.alias() + ": "
                    + firstLine(listed.stderr()));
        }
        return listed.stdout().lines().filter(plan::isBackupPath).sorted().toList();
    }

    /** A revert from a backup found with {@link #backups}, e.g. after the app was restarted. */
    public AppliedEdit fromBackup(SshTarget target, ConfigEditPlan plan, String backupPath) throws ConfigEditException {
        if (!plan.isBackupPath(backupPath)) {
            throw new ConfigEditException(backupPath + " is not a PiRack backup of " + plan.path());
        }
        return new AppliedEdit(target.alias(), plan.path(), Optional.of(backupPath), plan.tempPath(), plan.restart(), true, Optional.empty());
    }

    /** Puts the old file back byte for byte (or removes a file PiRack created) on {@code target}, then restarts. */
    public Optional<String> revert(SshTarget target, AppliedEdit applied) throws RemoteCommandException, ConfigEditException {
        requireSamePi(target, applied.pi());
        if (!applied.changed()) {
            return Optional.empty();
        }
        RemoteCommand command = applied.backupPath()
                .map(backup -> script(RESTORE_SCRIPT, "pirack-restore", backup, applied.tempPath(), applied.path()))
                .orElseGet(() -> script(REMOVE_SCRIPT, "pirack-remove", applied.path()));
        CommandResult restored = shell.run(target, command, commandTimeout);
        if (!restored.ok()) {
            throw new ConfigEditException("Could not restore " + applied.path() + " on " + applied.pi()
                    + " from " + applied.backupPath().orElse("(created file)") + ": " + firstLine(restored.stderr()));
        }
        return restart(target, applied.restart());
    }

    /** An edit is applied or reverted only on the Pi it was read from. */
    private static void requireSamePi(SshTarget target, String pi) throws ConfigEditException {
        if (!target.alias().equals(pi)) {
            throw new ConfigEditException("This edit belongs to " + pi + ", not " + target.alias() + ": nothing was changed.");
        }
    }

    private Optional<String> restart(SshTarget target, RestartAction restart) throws RemoteCommandException {
        List<String> problems = new ArrayList<>();
        for (List<String> argv : restart.commands()) {
            CommandResult result = shell.run(target, new RemoteCommand(argv, true), restartTimeout);
            if (!result.ok()) {
                problems.add(String.join(" ", argv) + " failed on " + target.alias() + " (exit " + result.exitCode() + "): "
                        + firstLine(result.stderr()));
                break;
            }
        }
        return problems.stream().findFirst();
    }

    private static RemoteCommand script(String script, String name, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, name));
        argv.addAll(List.of(args));
        return new RemoteCommand(argv, true);
    }

    private static String writeFailure(CommandResult result, String path, SshTarget target) {
        String why = switch (result.exitCode()) {
            case 3 -> "it changed since PiRack read it; nothing was written, look again and retry";
            case 4 -> "the backup could not be written; nothing was changed";
            case 5 -> "the new content could not be written; the file is unchanged";
            case 6 -> "the new content could not be moved into place; the file is unchanged";
            default -> "exit " + result.exitCode();
        };
        String detail = firstLine(result.stderr());
        return "Could not write " + path + " on " + target.alias() + ": " + why + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
