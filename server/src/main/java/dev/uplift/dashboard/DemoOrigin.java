package dev.uplift.dashboard;

import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The demo's own origin: a second connector on a port of its own. The demo runs live
 * experiments' code as a customer's page would; served on the dashboard's origin, that
 * code could read the signed-in API key the dashboard keeps in {@code sessionStorage}.
 * Browsers keep storage per origin (scheme, host and port), so on another port it cannot.
 */
final class DemoOrigin implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final DemoProperties properties;

	private volatile Connector connector;

	DemoOrigin(DemoProperties properties) {
		this.properties = properties;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void customize(TomcatServletWebServerFactory factory) {
		int port = this.properties.port();
		if (port == -1) {
			port = (factory.getPort() <= 0) ? 0 : factory.getPort() + 1;
		}
		Connector demo = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		demo.setPort(port);
		InetAddress address = factory.getAddress();
		if (address != null) {
			demo.setProperty("address", address.getHostAddress());
		}
		// The server's connector settings (timeouts, header and body sizes, threads) hold
		// here too: Boot's customizers have registered them, this one runs last.
		ProtocolHandler handler = demo.getProtocolHandler();
		LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), handler)
			.invoke((customizer) -> customizer.customize(handler));
		factory.getConnectorCustomizers().forEach((customizer) -> customizer.customize(demo));
		factory.addAdditionalConnectors(demo);
		this.connector = demo;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Whether the demo has its connector: not in tests of a mock servlet environment,
	 * which start no server.
	 */
	boolean active() {
		return this.connector != null;
	}

	/** Whether the request came in through the demo's connector. */
	boolean serves(HttpServletRequest request) {
		Connector demo = this.connector;
		return demo != null && request.getLocalPort() == demo.getLocalPort();
	}

	/** The demo's port, once the server has started. */
	int port() {
		return this.connector.getLocalPort();
	}

	/** Where browsers reach the demo: the configured address, else the request's host. */
	String baseUrl(HttpServletRequest request) {
		if (!this.properties.baseUrl().isEmpty()) {
			return this.properties.baseUrl();
		}
		String host = request.getServerName();
		if (host.indexOf(':') >= 0) {
			host = "[" + host + "]";
		}
		return request.getScheme() + "://" + host + ":" + port();
	}

}
