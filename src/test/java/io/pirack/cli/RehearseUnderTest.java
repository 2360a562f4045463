package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/**
 * {@code pirack rehearse} running on a thread for a test, with its kubeconfig, and the real kubectl
 * pointed at it. On CI ({@code CI=true}) a missing kubectl fails the test; .ci/run installs it.
 */
final class RehearseUnderTest implements AutoCloseable {

    record Result(int exit, String text) {
    }

    final Path kubeconfig;
    final String apiUrl;
    private final RehearseCommand command = new RehearseCommand();
    private final Thread server;

    /** Starts {@code pirack rehearse --kubeconfig-out DIR/kubeconfig.yaml ARGS…} and waits until it serves. */
    RehearseUnderTest(Path dir, String... args) throws Exception {
        kubeconfig = dir.resolve("kubeconfig.yaml");
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        List<String> line = new ArrayList<>(List.of("--kubeconfig-out", kubeconfig.toString()));
        line.addAll(List.of(args));
        server = new Thread(() -> commandLine.execute(line.toArray(String[]::new)), "rehearse");
        server.start();
        apiUrl = command.serving.get(90, TimeUnit.SECONDS);
    }

    /** Skips the test where kubectl is missing, fails it on CI. */
    static void requireKubectl() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(dir, "kubectl"));
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("kubectl is missing on CI: .ci/run installs Debian's kubernetes-client");
        }
        Assumptions.assumeTrue(present, "kubectl is not installed here");
    }

    Result kubectl(String... args) throws Exception {
        // A safety net per request (a hung request still fails): 20 s ran out once for `describe node` on a loaded machine.
        List<String> line = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=60s"));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        command.stop.countDown();
        server.join(TimeUnit.SECONDS.toMillis(20));
    }
}
