package org.privacyportal.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /graphql?query=…&variables=…&operationName=…&extensions=…} as the GraphQL-over-HTTP
 * specification allows, for queries only: a mutation is a 405 before it runs. An answer to a request
 * without a token and without errors may be kept by shared caches for a short while; anything asked
 * with a token is {@code no-store}.
 */
final class GraphQlGetHandler {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final WebGraphQlHandler graphQl;

	private final CacheControl publicAnswer;

	private final MessageSource messages;

	GraphQlGetHandler(WebGraphQlHandler graphQl, ClientProperties properties, MessageSource messages) {
		this.graphQl = graphQl;
		this.messages = messages;
		this.publicAnswer = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
	}

	ServerResponse handle(ServerRequest request) {
		SerializableGraphQlRequest body = new SerializableGraphQlRequest();
		body.setQuery(request.param("query").filter(q -> !q.isBlank()).orElse(null));
		body.setOperationName(request.param("operationName").filter(name -> !name.isBlank()).orElse(null));
		try {
			body.setVariables(jsonObject(request.param("variables")));
			body.setExtensions(jsonObject(request.param("extensions")));
		}
		catch (JacksonException ex) {
			return refusal(new Message("error.request.get-parameters"));
		}
		if (body.getQuery() == null && !body.getExtensions().containsKey("persistedQuery")) {
			return refusal(new Message("error.request.no-document"));
		}
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				new LinkedMultiValueMap<>(), request.remoteAddress().orElse((InetSocketAddress) null), request.attributes(),
				body, UUID.randomUUID().toString(), LocaleContextHolder.getLocale());
		graphQlRequest.configureExecutionInput((input, builder) -> builder
			.graphQLContext(context -> context.put(DocumentCache.READ_ONLY, true))
			.build());
		boolean withToken = request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null;
		Mono<ServerResponse> response = graphQl.handleRequest(graphQlRequest)
			.map(answer -> answer(answer, withToken));
		return ServerResponse.async(response);
	}

	private ServerResponse answer(WebGraphQlResponse answer, boolean withToken) {
		boolean mutation = answer.getErrors()
			.stream()
			.anyMatch(error -> error.getErrorType() == DocumentCache.Refusal.METHOD_NOT_ALLOWED);
		boolean cacheable = !withToken && answer.getErrors().isEmpty();
		return ServerResponse.status(mutation ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.OK)
			.headers(headers -> {
				headers.addAll(answer.getResponseHeaders());
				if (mutation) {
					headers.setAllow(Set.of(HttpMethod.POST));
				}
				headers.setCacheControl(cacheable ? publicAnswer : CacheControl.noStore());
				headers.setVary(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT_LANGUAGE));
			})
			.contentType(MediaType.APPLICATION_JSON)
			.body(answer.toMap());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonObject(Optional<String> parameter) {
		if (parameter.isEmpty() || parameter.get().isBlank()) {
			return Map.of();
		}
		Map<String, Object> value = (Map<String, Object>) JSON.readValue(parameter.get(), Map.class);
		return value == null ? Map.of() : value;
	}

	/** In the language {@code Accept-Language} asks for: the request never reaches its caller's. */
	private ServerResponse refusal(Message message) {
		return ServerResponse.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(Map.of("errors", List.of(Map.of("message", message.in(messages, LocaleContextHolder.getLocale()),
					"extensions", Map.of("classification", "BAD_REQUEST")))));
	}

}
