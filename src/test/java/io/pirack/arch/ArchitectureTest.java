package io.pirack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of shared/DESIGN.md honest. Plain Jupiter tests calling {@code check}: the
 * ArchUnit JUnit engine was not picked up by Surefire here (it reported 0 tests), which would
 * make the rules silently pass.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.pirack");
    }

    @Test
    void coreIsPure() {
        CORE_IS_PURE.check(classes);
    }

    @Test
    void viewModelsDoNotBuildNodes() {
        VIEW_MODELS_DO_NOT_BUILD_NODES.check(classes);
    }

    @Test
    void adaptersDoNotKnowTheUi() {
        ADAPTERS_DO_NOT_KNOW_THE_UI.check(classes);
    }

    @Test
    void theNetworkScreenTalksThroughItsPort() {
        NETWORK_SCREEN_TALKS_THROUGH_ITS_PORT.check(classes);
    }

    @Test
    void uiTalksToTheClusterThroughTheKubeLayer() {
        UI_TALKS_THROUGH_THE_KUBE_LAYER.check(classes);
    }

    static final ArchRule CORE_IS_PURE = noClasses().that().resideInAPackage("io.pirack.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fabric8..", "net.schmizz..",
                    "com.hierynomus..", "tools.jackson..", "java.net.http..", "io.pirack.kube..", "io.pirack.sim..",
                    "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.ui..", "io.pirack.app..")
            .because("core holds the rules of the domain as plain Java that every layer and test can use without I/O");

    static final ArchRule VIEW_MODELS_DO_NOT_BUILD_NODES = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models hold state and commands; only views build and bind scene-graph nodes");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_THE_UI = noClasses().that().resideInAnyPackage("io.pirack.kube..",
                    "io.pirack.sim..", "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.probe..",
                    "io.pirack.pi..", "io.pirack.tuning..", "io.pirack.timeline..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "javafx..")
            .because("adapters sit at the edge and are used by the UI and the CLI alike");

    static final ArchRule UI_TALKS_THROUGH_THE_KUBE_LAYER = noClasses().that().resideInAPackage("io.pirack.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "net.schmizz..", "com.hierynomus..")
            .because("views must not know whether the cluster is real or the rehearsal rack, nor how SSH works");

    @Test
    void uiDependsOnlyOnCoreItsPortsAndJavaFx() {
        UI_DEPENDS_ONLY_ON_CORE_AND_ITS_PORTS.check(classes);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES.check(classes);
    }

    @Test
    void coreDoesNoIo() {
        CORE_DOES_NO_IO.check(classes);
    }

    @Test
    void adaptersNeverImportTheLayersAboveThem() {
        ADAPTERS_NEVER_IMPORT_UI_APP_CLI_BENCH.check(classes);
    }

    /** The adapters: each talks to one outside thing (cluster, SSH, OS, files, threads) for the layers above. */
    static final String[] ADAPTERS = {"io.pirack.kube..", "io.pirack.sim..", "io.pirack.ssh..", "io.pirack.net..",
            "io.pirack.plug..", "io.pirack.probe..", "io.pirack.pi..", "io.pirack.tuning..", "io.pirack.timeline..",
            "io.pirack.frames..", "io.pirack.concurrent.."};

    /**
     * Every screen talks to the rest of PiRack through a port interface it owns ({@code ui/tuning/TuningBackend},
     * {@code ui/network/NetworkBackend}, {@code ui/booth/BoothControls}, {@code ui/plug/PlugBackend}), implemented in app/.
     * Values that cross a port are core types.
     */
    static final ArchRule UI_DEPENDS_ONLY_ON_CORE_AND_ITS_PORTS = classes().that().resideInAPackage("io.pirack.ui..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "io.pirack.core..", "java..",
                    "javax.imageio..", "javafx..", "org.controlsfx..", "org.slf4j..")
            .because("a screen talks to the rest of the app through a port interface it owns (TuningBackend is the model), "
                    + "so it can be tested with a fake and never knows whether the cluster is real or the rehearsal rack");

    static final ArchRule NO_CYCLES_BETWEEN_TOP_LEVEL_PACKAGES = slices().matching("io.pirack.(*)..").should().beFreeOfCycles()
            .because("the floors only depend downwards (app → ui → core, adapters → core); a cycle means no floor can change alone");

    static final ArchRule CORE_DOES_NO_IO = noClasses().that().resideInAPackage("io.pirack.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.net.http..",
                    "org.slf4j..", "io.pirack.concurrent..", "io.pirack.frames..")
            .because("core holds the rules of the domain as plain functions of their inputs: testable, replayable, no files or sockets");

    static final ArchRule ADAPTERS_NEVER_IMPORT_UI_APP_CLI_BENCH = noClasses().that().resideInAnyPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "io.pirack.app..", "io.pirack.cli..",
                    "io.pirack.bench..")
            .because("adapters sit at the edge and serve the app, the CLI and the benchmarks alike");

    static final ArchRule NETWORK_SCREEN_TALKS_THROUGH_ITS_PORT = noClasses().that()
            .resideInAnyPackage("io.pirack.ui.network..", "io.pirack.ui.common..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.net..", "io.pirack.ssh..", "io.pirack.probe..", "io.pirack.app..")
            .because("the Network screen reaches the booth-network adapters only through ui/network/NetworkBackend, implemented in app/");
}
