package io.pirack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the arrows of shared/DESIGN.md honest. */
@AnalyzeClasses(packages = "io.pirack", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsPure = noClasses().that().resideInAPackage("io.pirack.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fabric8..", "net.schmizz..",
                    "com.hierynomus..", "tools.jackson..", "java.net.http..", "io.pirack.kube..", "io.pirack.sim..",
                    "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.ui..", "io.pirack.app..")
            .because("core holds the rules of the domain as plain Java that every layer and test can use without I/O");

    @ArchTest
    static final ArchRule viewModelsDoNotBuildNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models hold state and commands; only views build and bind scene-graph nodes");

    @ArchTest
    static final ArchRule adaptersDoNotKnowTheUi = noClasses().that().resideInAnyPackage("io.pirack.kube..",
                    "io.pirack.sim..", "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.probe..",
                    "io.pirack.pi..", "io.pirack.tuning..", "io.pirack.timeline..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "javafx..")
            .because("adapters sit at the edge and are used by the UI and the CLI alike");

    @ArchTest
    static final ArchRule uiTalksToTheClusterThroughTheKubeLayer = noClasses().that().resideInAPackage("io.pirack.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "net.schmizz..", "com.hierynomus..")
            .because("views must not know whether the cluster is real or the rehearsal rack, nor how SSH works");
}
