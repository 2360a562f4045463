package io.pirack.cli;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Proves the runtime can talk TLS to a Kubernetes API: starts the embedded API server with HTTPS on
 * loopback, then creates and lists a namespace through a fabric8 client that verifies the server's
 * certificate. A jlinked runtime without the EC crypto module fails here, not at the booth.
 */
final class TlsSelfCheck {

    static final String PROBE_NAMESPACE = "pirack-selfcheck";
    static final String JSSE_EC_PROVIDER = "SunEC";

    private final boolean trustServerCertificate;

    /**
     * @param trustServerCertificate whether the client pins the server's self-signed certificate;
     *                               {@code false} must make the check fail (verification is real)
     */
    TlsSelfCheck(boolean trustServerCertificate) {
        this.trustServerCertificate = trustServerCertificate;
    }

    /**
     * JSSE takes x25519/P-256 key shares and ECDSA signature checks (k3s serves ECDSA certificates)
     * from the SunEC provider, module jdk.crypto.ec on JDK 17. The handshake below would quietly fall
     * back to finite-field groups against our RSA test certificate, so its presence is checked here.
     *
     * @return a one-line description of what was proven
     */
    static String ellipticCurves(String providerName) throws GeneralSecurityException {
        Provider provider = Security.getProvider(providerName);
        if (provider == null) {
            throw new GeneralSecurityException("no " + providerName + " security provider: this runtime lacks"
                    + " module jdk.crypto.ec, needed for TLS key exchange and ECDSA server certificates");
        }
        KeyPairGenerator.getInstance("X25519", provider).generateKeyPair();
        KeyPairGenerator curveKeys = KeyPairGenerator.getInstance("EC", provider);
        curveKeys.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = curveKeys.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA", provider);
        signer.initSign(keys.getPrivate());
        signer.update(PROBE_NAMESPACE.getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
        verifier.initVerify(keys.getPublic());
        verifier.update(PROBE_NAMESPACE.getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(providerName + ": an ECDSA P-256 signature does not verify");
        }
        return providerName + " provides x25519, secp256r1 and SHA256withECDSA";
    }

    /** @return a one-line description of what was proven */
    String run() {
        MockWebServer webServer = new MockWebServer();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(clientConfig(webServer)).build()) {
            client.namespaces().resource(new NamespaceBuilder()
                    .withNewMetadata().withName(PROBE_NAMESPACE).endMetadata().build()).create();
            List<String> names = client.namespaces().list().getItems().stream()
                    .map(Namespace::getMetadata).map(meta -> meta.getName()).collect(Collectors.toList());
            if (!names.contains(PROBE_NAMESPACE)) {
                throw new IllegalStateException("namespace " + PROBE_NAMESPACE
                        + " was created but is missing from the list " + names);
            }
            return "listed namespaces " + names + " from " + client.getMasterUrl()
                    + " (certificate verified)";
        } finally {
            server.destroy();
        }
    }

    private Config clientConfig(MockWebServer webServer) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                // The self-signed certificate is issued to "localhost"; the server listens on loopback.
                .withMasterUrl("https://localhost:" + webServer.getPort())
                .withTrustCerts(false)
                .withRequestRetryBackoffLimit(0)
                // Loopback, so these bound only a hang: a cold JVM's first TLS handshake on a loaded 2-core machine
                // took over 5 s (SelfCheckCommandTest failed so under load).
                .withConnectionTimeout(30_000)
                .withRequestTimeout(30_000);
        if (trustServerCertificate) {
            config.withCaCertFile(webServer.getSelfSignedCertificate().certificatePath());
        }
        return config.build();
    }
}
