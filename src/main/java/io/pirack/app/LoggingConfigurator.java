package io.pirack.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Map;

/**
 * PiRack's logging, configured in code (logback's {@link Configurator} service, found through
 * {@code META-INF/services}) instead of a {@code logback.xml}: parsing the XML loaded the JDK's XML
 * parser and ~350 Joran classes, ~0.2 s of CPU on every start (issue 20). Same set-up as the XML had:
 * the log file in the platform's log folder ({@code pirack.logdir}, set by {@code Main}), five files
 * of 5 MB; warnings and errors also on standard error; chatty libraries turned down.
 *
 * <p>A {@code logback.xml} or {@code logback-test.xml} on the class path, or
 * {@code -Dlogback.configurationFile}, still wins: this configurator then steps aside.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    /** Levels of the libraries that log too much for a desktop app (the UI shows their states instead). */
    static final Map<String, Level> LEVELS = Map.of(
            "io.pirack", Level.INFO,
            "io.netty", Level.ERROR,
            "io.vertx", Level.ERROR,
            "io.fabric8", Level.WARN,
            // Informers log every failed reconnect at WARN; PiRack shows the state in the UI instead.
            "io.fabric8.kubernetes.client.informers", Level.ERROR,
            "io.fabric8.kubernetes.client.dsl.internal", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingConfigurator.class.getClassLoader().getResource("logback-test.xml") != null
                || LoggingConfigurator.class.getClassLoader().getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty("pirack.logdir");
        configure(context, dir == null ? Path.of(System.getProperty("java.io.tmpdir"), "pirack-logs") : Path.of(dir));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Logs into {@code logDir}/pirack.log (rolled to pirack.1.log … pirack.5.log at 5 MB) and warnings to stderr. */
    static void configure(LoggerContext context, Path logDir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logDir.resolve("pirack.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logDir.resolve("pirack.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n"));
        file.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        stderr.addFilter(warnings);
        stderr.setEncoder(encoder(context, "%d{HH:mm:ss} %-5level %logger{20} - %msg%n"));
        stderr.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(stderr);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
