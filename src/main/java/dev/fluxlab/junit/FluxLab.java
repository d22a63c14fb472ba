package dev.fluxlab.junit;

import dev.fluxlab.config.BackendChoice;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a fluxlab environment seeded with a Flux repository: the
 * environment is deployed before the first test (every Flux object Ready) and torn down after the
 * last. Test methods and lifecycle methods receive it as a {@link FluxLabEnvironment} parameter.
 *
 * <pre>{@code
 * @FluxLab(repo = ".", path = "clusters/staging")
 * class MyFleetTest {
 *   @Test
 *   void webIsReady(FluxLabEnvironment env) {
 *     env.flux(FluxKind.KUSTOMIZATION, "flux-system", "web").eventually().isReady();
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(FluxLabExtension.class)
public @interface FluxLab {
  /** The repository to seed (its working tree), relative to the working directory. */
  String repo() default ".";

  /**
   * The cluster directory every cluster syncs, e.g. {@code clusters/staging}; the cluster is named
   * after its last element. Empty: fluxlab's own fixture of the {@code layout} setting.
   */
  String path() default "";

  /** Where to run; a test class whose backend is not available is skipped, not failed. */
  BackendChoice backend() default BackendChoice.AUTO;

  /** Settings as {@code key=value}, as {@code --set} takes them. */
  String[] settings() default {};

  /** Helm repository URLs served from local chart sources, as {@code URL=DIR}. */
  String[] chartMirrors() default {};

  /** Share one environment between all test classes with the same configuration. */
  boolean shared() default false;

  /**
   * Keep the environment after a failed test (its state directory and kubeconfigs are printed), for
   * a look with kubectl. The system property {@code fluxlab.keepOnFailure=true} does the same.
   */
  boolean keepOnFailure() default false;
}
