package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SelfCheckCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PiRackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void tlsCheckCreatesAndListsANamespaceOverHttpsWithAVerifiedCertificate() {
        int exit = run("selfcheck", "tls");

        assertEquals(SelfCheckCommand.OK, exit, err.toString());
        assertTrue(out.toString().startsWith("ok    tls: SunEC provides x25519, secp256r1 and SHA256withECDSA"),
                out.toString());
        assertTrue(out.toString().contains("ok    tls: listed namespaces [" + TlsSelfCheck.PROBE_NAMESPACE + "]"),
                out.toString());
        assertTrue(out.toString().contains("https://localhost:"), out.toString());
    }

    @Test
    void tlsCheckFailsWhenTheClientDoesNotTrustTheServerCertificate() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> new TlsSelfCheck(false).run());

        assertTrue(SelfCheckCommand.describe(failure).contains("SSLHandshakeException"),
                SelfCheckCommand.describe(failure));
    }

    @Test
    void ellipticCurveCheckNamesTheMissingModuleWhenTheProviderIsAbsent() {
        GeneralSecurityException failure = assertThrows(GeneralSecurityException.class,
                () -> TlsSelfCheck.ellipticCurves("NoSuchProvider"));

        assertTrue(failure.getMessage().contains("lacks module jdk.crypto.ec"), failure.getMessage());
    }

    @Test
    void sshCheckProvesKeyExchangesAndSignaturesAnSshSessionUses() throws Exception {
        List<String> proven = new SshCryptoSelfCheck().run();

        assertEquals(4, proven.size(), proven.toString());
        assertTrue(proven.get(0).startsWith("curve25519-sha256 key exchange"), proven.get(0));
        assertTrue(proven.get(1).startsWith("ecdh-sha2-nistp256 key exchange"), proven.get(1));
        assertTrue(proven.get(2).startsWith("ssh-ed25519 signature, key "), proven.get(2));
        assertTrue(proven.get(3).startsWith("ecdsa-sha2-nistp256 signature, key "), proven.get(3));
    }

    @Test
    void selfcheckWithoutASubcommandRunsBothChecksAndSucceeds() {
        int exit = run("selfcheck");

        assertEquals(SelfCheckCommand.OK, exit, err.toString());
        assertEquals(2, out.toString().lines().filter(line -> line.startsWith("ok    tls: ")).count(), out.toString());
        assertEquals(4, out.toString().lines().filter(line -> line.startsWith("ok    ssh: ")).count(), out.toString());
    }

    @Test
    void selfcheckIsHiddenFromTheMainHelp() {
        run("--help");

        assertTrue(out.toString().contains("help"), out.toString());
        assertTrue(!out.toString().contains("selfcheck"), out.toString());
    }

    @Test
    void failureDescriptionNamesEveryCauseWithoutAStackTrace() {
        Exception failure = new IllegalStateException("handshake failed",
                new javax.net.ssl.SSLHandshakeException("no cipher suites in common"));

        assertEquals("IllegalStateException: handshake failed <- SSLHandshakeException: no cipher suites in common",
                SelfCheckCommand.describe(failure));
    }
}
