package dev.napijava.bridge.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates ({@code group:artifact:version}, or with extension and classifier
 * as Maven Resolver spells them) with their runtime dependencies into a local repository, with
 * Maven Resolver, the library Maven itself uses: POMs, parents, BOMs, version ranges, exclusions
 * and nearest-wins mediation as {@code mvn} does them. Only the repositories given are read (not
 * the ones that POMs declare), so that a build reads what its configuration names. A resolver
 * that is not transitive fetches each artifact alone (a {@code javadoc} jar, say), and gives null
 * for one that is not published.
 *
 * <p>This class is loaded only by the class loader that the bridge makes over the resolver's jars
 * (runtime/maven/), at the first classpath that names coordinates, so that ordinary addons never
 * load the resolver. It takes and gives only JDK types, since the bridge sees it through
 * {@link Function}.
 *
 * <p>Thread: any thread, several at once (each call has a session of its own; the repository
 * system is shared and thread-safe).
 */
public final class MavenResolver implements Function<List<String>, List<String>> {
  private static volatile RepositorySystem system;

  private final Path localRepository;
  private final List<RemoteRepository> repositories = new ArrayList<>();
  private final boolean transitive;

  /**
   * A resolver that caches into {@code localRepository} and reads the repositories {@code urls}, in
   * order; with the runtime dependencies of the coordinates when {@code transitive}.
   */
  public MavenResolver(Path localRepository, List<String> urls, boolean transitive) {
    this.localRepository = localRepository;
    this.transitive = transitive;
    for (int i = 0; i < urls.size(); i++) {
      String id = i == 0 ? "central" : "repo" + i;
      repositories.add(new RemoteRepository.Builder(id, "default", urls.get(i)).build());
    }
  }

  private static RepositorySystem system() {
    RepositorySystem known = system;
    if (known == null) {
      synchronized (MavenResolver.class) {
        if (system == null) system = new RepositorySystemSupplier().get();
        known = system;
      }
    }
    return known;
  }

  /**
   * The jar files of {@code coordinates} and of their runtime dependencies, in class path order;
   * not transitive, the file of each coordinate (null where it is not published), in order.
   */
  @Override
  public List<String> apply(List<String> coordinates) {
    RepositorySystem repositorySystem = system();
    // Maven's own session defaults (scopes, optional and excluded dependencies, mediation);
    // repositories that POMs declare are ignored: only the ones given are read.
    try (CloseableSession session = new SessionBuilderSupplier(repositorySystem).get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setIgnoreArtifactDescriptorRepositories(true)
        .setSystemProperties(System.getProperties())
        .setConfigProperty("aether.connector.userAgent", "napi-java")
        .build()) {
      if (!transitive) {
        List<String> files = new ArrayList<>();
        for (String coordinate : coordinates) {
          try {
            ArtifactResult result = repositorySystem.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(coordinate), repositories, null));
            files.add(result.getArtifact().getPath().toString());
          } catch (ArtifactResolutionException e) {
            files.add(null); // not published (or not reachable): the caller goes without it
          }
        }
        return files;
      }
      CollectRequest collect = new CollectRequest();
      for (String coordinate : coordinates) {
        collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
      }
      collect.setRepositories(repositories);
      DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
      List<String> jars = new ArrayList<>();
      for (ArtifactResult result : repositorySystem.resolveDependencies(session, request).getArtifactResults()) {
        jars.add(result.getArtifact().getPath().toString());
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new IllegalArgumentException("cannot resolve " + String.join(", ", coordinates) + ": " + e.getMessage(), e);
    }
  }
}
