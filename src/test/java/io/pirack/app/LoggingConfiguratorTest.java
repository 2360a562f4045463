package io.pirack.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PiRack's logging as configured in code: what reaches the log file, and that a logback XML still wins. */
class LoggingConfiguratorTest {

    @TempDir
    Path logDir;

    @Test
    void pirackInfoReachesTheLogFileAndChattyLibrariesDoNot() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what SLF4J's binding gives the app's context
        LoggingConfigurator.configure(context, logDir);

        context.getLogger("io.pirack.app.SessionHolder").info("connected to the rehearsal rack");
        context.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector").warn("watch closed, reconnecting");
        context.getLogger("io.netty.channel.DefaultChannelPipeline").info("pipeline noise");
        context.getLogger("io.fabric8.kubernetes.client.Config").warn("no kubeconfig context");
        context.stop();

        String log = Files.readString(logDir.resolve("pirack.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("INFO  [main] io.pirack.app.SessionHolder - connected to the rehearsal rack")
                .contains("WARN  [main] io.fabric8.kubernetes.client.Config - no kubeconfig context")
                .doesNotContain("watch closed").doesNotContain("pipeline noise");
    }

    @Test
    void aLogbackXmlOnTheClassPathWins() {
        // The tests' logback-test.xml is on the class path: the configurator steps aside for it.
        LoggerContext context = new LoggerContext();
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
