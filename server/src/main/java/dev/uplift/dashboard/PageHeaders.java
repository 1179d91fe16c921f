package dev.uplift.dashboard;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of Uplift's HTML pages: a content security policy of the page's own,
 * no framing by other sites, no sniffing, and no referrer leaving the page (a share
 * page's address holds its token).
 */
final class PageHeaders extends OncePerRequestFilter {

	/**
	 * The dashboard: scripts, styles, images and requests only from Uplift itself, no
	 * inline code.
	 */
	static final String DASHBOARD = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	/**
	 * A share page: like the dashboard, its scripts, styles and requests only from Uplift
	 * itself, no inline code, and no form.
	 */
	static final String SHARE = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
			+ "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	/**
	 * The demo site, which runs live experiments' code as a customer's page would
	 * (inline, through {@code new Function}): it may load and send only to Uplift itself.
	 */
	static final String DEMO = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	/**
	 * Swagger UI ({@code /docs}): its own scripts and styles from Uplift, the inline
	 * styles it sets, its data: icons and requests for the API document.
	 */
	static final String DOCS = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private final String contentSecurityPolicy;

	PageHeaders(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Frame-Options", "DENY");
		chain.doFilter(request, response);
	}

}
