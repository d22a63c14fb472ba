package dev.fluxlab.git;

import dev.fluxlab.api.Credentials;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Requires the environment's credentials on every git request, as a private Gitea repo does. */
final class BasicAuthFilter implements Filter {
  private final byte[] expected;
  private final String publicPrefix;

  /**
   * @param publicPrefix request paths starting with it need no credentials; null for none
   */
  BasicAuthFilter(Credentials credentials, String publicPrefix) {
    this.publicPrefix = publicPrefix;
    this.expected =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (credentials.username() + ":" + credentials.password())
                            .getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (publicPrefix != null && request.getRequestURI().startsWith(publicPrefix)) {
      chain.doFilter(req, res);
      return;
    }
    String header = request.getHeader("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(expected, given)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) res;
    response.setHeader("WWW-Authenticate", "Basic realm=\"fluxlab\"");
    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }
}
