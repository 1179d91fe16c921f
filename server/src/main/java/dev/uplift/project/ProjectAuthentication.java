package dev.uplift.project;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.web.ApiKeys;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authorises control-plane routes ({@code /v2/project/{project_key}/...}) by API key and
 * hands the resolved {@link ProjectContext} to controllers that declare it as a
 * parameter.
 */
class ProjectAuthentication implements HandlerInterceptor, HandlerMethodArgumentResolver {

	private static final String ATTRIBUTE = ProjectContext.class.getName();

	private static final String KEY_ID = ATTRIBUTE + ".keyId";

	private static final String CALLER = Caller.class.getName();

	private final ProjectService projects;

	ProjectAuthentication(ProjectService projects) {
		this.projects = projects;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String projectKey = pathVariables(request).get("project_key");
		if (projectKey != null) {
			ProjectService.Authorized authorized = this.projects.authorize(projectKey, apiKey(request));
			request.setAttribute(ATTRIBUTE, authorized.project());
			request.setAttribute(KEY_ID, authorized.keyId());
			request.setAttribute(CALLER, new Caller(authorized.keyId(), authorized.keyName()));
		}
		return true;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == ProjectContext.class || parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		String attribute = (parameter.getParameterType() == Caller.class) ? CALLER : ATTRIBUTE;
		Object context = webRequest.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
		if (context == null) {
			throw new IllegalStateException("No authorised project for " + parameter.getMethod());
		}
		return context;
	}

	/** The id of the API key that authorised this control-plane request. */
	static long keyId(HttpServletRequest request) {
		if (!(request.getAttribute(KEY_ID) instanceof Long keyId)) {
			throw new IllegalStateException("No authorised key for " + request.getRequestURI());
		}
		return keyId;
	}

	static String apiKey(HttpServletRequest request) {
		return ApiKeys.of(request);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathVariables(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return (variables instanceof Map<?, ?> map) ? (Map<String, String>) map : Map.of();
	}

}
