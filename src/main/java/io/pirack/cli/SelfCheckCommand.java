package io.pirack.cli;

import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pirack selfcheck [tls|ssh]}: proves that this runtime (typically the jlinked one inside the
 * packaged app) carries the modules PiRack loads only at run time. Hidden: it is for the packaging
 * smoke test and for support ("run pirack selfcheck and send me the output").
 */
@Command(name = "selfcheck", hidden = true,
        description = "Check that this runtime can do TLS to a Kubernetes API and SSH crypto.")
public final class SelfCheckCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int tls = tls();
        int ssh = ssh();
        return tls == OK && ssh == OK ? OK : FAILED;
    }

    @Command(name = "tls", description = "HTTPS round trip to the embedded Kubernetes API with a verified certificate.")
    int tls() {
        try {
            ok("tls", TlsSelfCheck.ellipticCurves(TlsSelfCheck.JSSE_EC_PROVIDER));
            return ok("tls", new TlsSelfCheck(true).run());
        } catch (GeneralSecurityException | RuntimeException e) {
            return failed("tls", e);
        }
    }

    @Command(name = "ssh", description = "Key exchanges and signatures an SSH session to a Pi uses.")
    int ssh() {
        try {
            List<String> proven = new SshCryptoSelfCheck().run();
            proven.forEach(line -> ok("ssh", line));
            return OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return failed("ssh", e);
        }
    }

    private int ok(String check, String detail) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok    " + check + ": " + detail);
        out.flush();
        return OK;
    }

    private int failed(String check, Exception e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("FAIL  " + check + ": " + describe(e));
        err.flush();
        return FAILED;
    }

    /** The chain of causes in one line: the root cause (e.g. a handshake alert) is what helps. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
