package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectionTest {

    @TempDir
    Path dir;

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: pis
              cluster:
                server: https://192.168.2.101:6443
                insecure-skip-tls-verify: true
            users:
            - name: admin
              user:
                token: not-a-real-token
            contexts:
            - name: booth
              context: {cluster: pis, user: admin}
            - name: lab
              context: {cluster: pis, user: admin}
            current-context: booth
            """;

    @Test
    void listsContextsAndTheCurrentOne() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        ClusterConnection.Contexts contexts = ClusterConnection.contexts(file);
        assertEquals(List.of("booth", "lab"), contexts.names());
        assertEquals("booth", contexts.current());
    }

    @Test
    void buildsAClientForTheChosenContextWithoutContactingTheServer() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        try (var client = ClusterConnection.fromKubeconfig(file, "lab")) {
            assertEquals("https://192.168.2.101:6443/", client.getMasterUrl().toString());
        }
    }

    @Test
    void missingFileSaysWhereItLooked() {
        var e = assertThrows(ClusterConnection.KubeconfigException.class,
                () -> ClusterConnection.contexts(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no kubeconfig at"), e.getMessage());
    }

    @Test
    void unknownContextNamesTheOnesThatExist() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        var e = assertThrows(ClusterConnection.KubeconfigException.class, () -> ClusterConnection.fromKubeconfig(file, "prod"));
        assertEquals("context 'prod' is not in " + file + "; it has [booth, lab]", e.getMessage());
    }

    @Test
    void garbageIsReportedAsNotAKubeconfig() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "this: [is: not yaml");
        var e = assertThrows(ClusterConnection.KubeconfigException.class, () -> ClusterConnection.contexts(file));
        assertTrue(e.getMessage().contains("is not a valid kubeconfig") || e.getMessage().contains("is not a kubeconfig"),
                e.getMessage());
    }

    @Test
    void kubeconfigEnvironmentVariableWinsOverTheHomeDefault() {
        Path home = Path.of("/home/presenter");
        assertEquals(Path.of("/etc/k/a.yaml"), ClusterConnection.defaultKubeconfig(Map.of("KUBECONFIG", "/etc/k/a.yaml:/etc/k/b.yaml"), home));
        assertEquals(home.resolve(".kube/config"), ClusterConnection.defaultKubeconfig(Map.of(), home));
    }
}
