package dev.fluxlab.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Requires credentials on every git request and lets each user reach only what {@link GitAccess}
 * allows it, as Gitea does for private repositories.
 */
final class BasicAuthFilter implements Filter {
  private final GitAccess access;
  private final String publicPrefix;

  /**
   * @param publicPrefix request paths starting with it need no credentials; null for none
   */
  BasicAuthFilter(GitAccess access, String publicPrefix) {
    this.access = access;
    this.publicPrefix = publicPrefix;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (publicPrefix != null && request.getRequestURI().startsWith(publicPrefix)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) res;
    // The decoded, normalised path the git servlet resolves the repository from, not the raw URI:
    // "/fluxlab/own.git/../fleet.git" or "%2e%2e" must not pass as the tenant's own repository.
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    switch (access.check(request.getHeader("Authorization"), path)) {
      case ALLOWED -> chain.doFilter(req, res);
      case FORBIDDEN -> response.sendError(HttpServletResponse.SC_FORBIDDEN);
      case UNAUTHENTICATED -> {
        response.setHeader("WWW-Authenticate", "Basic realm=\"fluxlab\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      }
    }
  }
}
