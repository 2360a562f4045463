package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfCheckCommandTest {

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    @Test
    void tlsCheckCreatesAndListsANamespaceOverHttpsWithAVerifiedCertificate() {
        int exit = run("selfcheck", "tls");

        assertEquals(SelfCheckCommand.OK, exit, last.err());
        assertTrue(last.out().startsWith("ok    tls: SunEC provides x25519, secp256r1 and SHA256withECDSA"),
                last.out());
        assertTrue(last.out().contains("ok    tls: listed namespaces [" + TlsSelfCheck.PROBE_NAMESPACE + "]"),
                last.out());
        assertTrue(last.out().contains("https://localhost:"), last.out());
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

        assertEquals(SelfCheckCommand.OK, exit, last.err());
        assertEquals(2, last.out().lines().filter(line -> line.startsWith("ok    tls: ")).count(), last.out());
        assertEquals(4, last.out().lines().filter(line -> line.startsWith("ok    ssh: ")).count(), last.out());
    }

    @Test
    void selfcheckIsHiddenFromTheMainHelp() {
        run("--help");

        assertTrue(last.out().contains("help"), last.out());
        assertTrue(!last.out().contains("selfcheck"), last.out());
    }

    @Test
    void failureDescriptionNamesEveryCauseWithoutAStackTrace() {
        Exception failure = new IllegalStateException("handshake failed",
                new javax.net.ssl.SSLHandshakeException("no cipher suites in common"));

        assertEquals("IllegalStateException: handshake failed <- SSLHandshakeException: no cipher suites in common",
                SelfCheckCommand.describe(failure));
    }
}
