package org.privacyportal.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.UnknownOperationException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import org.privacyportal.security.Sha256;

import org.springframework.context.MessageSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * Every request's document, parsed and validated once per instance and then served from a bounded
 * cache keyed by its SHA-256. The same cache answers automatic persisted queries in Apollo's
 * protocol ({@code extensions.persistedQuery {version: 1, sha256Hash}}): a hash the instance has not
 * seen is {@code PersistedQueryNotFound}, and the client sends the document once more. The manifest's
 * operations are known from the start; in allow-list mode nothing else runs. Depth and complexity are
 * checked at execution, so a cached document is checked like a new one. A document's validation
 * errors are in the language it was validated in, so a caller of another language validates it anew.
 */
final class DocumentCache implements PreparsedDocumentProvider {

	/** Set in the {@code GraphQLContext} of a {@code GET}: only queries may run. */
	static final String READ_ONLY = DocumentCache.class.getName() + ".readOnly";

	/** What Spring for GraphQL passes on when a request carries a hash but no document. */
	private static final String NO_DOCUMENT = "PersistedQueryMarker";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	private final Cache<String, Parsed> documents;

	private final PersistedQueryManifest manifest;

	private final boolean manifestOnly;

	private final MessageSource messages;

	DocumentCache(int maximumSize, PersistedQueryManifest manifest, boolean manifestOnly, MessageSource messages) {
		this.documents = Caffeine.newBuilder().maximumSize(maximumSize).build();
		this.manifest = manifest;
		this.manifestOnly = manifestOnly;
		this.messages = messages;
	}

	private record Parsed(PreparsedDocumentEntry entry, Locale locale) {

		boolean servesIn(Locale wanted) {
			return !entry.hasErrors() || locale.equals(wanted);
		}

	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		return CompletableFuture.completedFuture(document(input, parseAndValidate));
	}

	/**
	 * Whether the operation the request runs is a mutation, for the interceptors that act on
	 * mutations only; the parse is the cached one once the document has run. A request that sends only
	 * a persisted query's hash runs the document that hash names, cached or in the manifest. A document
	 * that does not parse, or a hash nothing is known of yet, is not one: nothing runs for it.
	 */
	boolean isMutation(WebGraphQlRequest request) {
		Optional<String> hash = documentHash(request);
		Parsed parsed = hash.map(documents::getIfPresent).orElse(null);
		Document document;
		if (parsed != null) {
			document = parsed.entry().getDocument();
		}
		else {
			Optional<String> text = NO_DOCUMENT.equals(request.getDocument()) ? hash.flatMap(manifest::body)
					: Optional.of(request.getDocument());
			if (text.isEmpty()) {
				return false;
			}
			try {
				document = Parser.parse(text.get());
			}
			catch (InvalidSyntaxException ex) {
				return false;
			}
		}
		return document != null && document.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.filter(op -> request.getOperationName() == null || request.getOperationName().equals(op.getName()))
			.anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION);
	}

	/**
	 * The SHA-256 of the document the request runs: of its text, or the persisted-query hash it sent
	 * instead (the same value for the same document); empty for a request with neither.
	 */
	Optional<String> documentHash(WebGraphQlRequest request) {
		if (!NO_DOCUMENT.equals(request.getDocument())) {
			return Optional.of(Sha256.hex(request.getDocument()));
		}
		Object persisted = request.getExtensions().get("persistedQuery");
		return persisted == null ? Optional.empty() : sentHash(persisted);
	}

	private PreparsedDocumentEntry document(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String text = NO_DOCUMENT.equals(input.getQuery()) ? null : input.getQuery();
		Object persisted = input.getExtensions() == null ? null : input.getExtensions().get("persistedQuery");
		String hash;
		if (persisted == null) {
			if (text == null) {
				return error(ErrorType.BAD_REQUEST, new Message("error.request.no-document"), input);
			}
			hash = Sha256.hex(text);
		}
		else {
			Optional<String> sent = sentHash(persisted);
			if (sent.isEmpty()) {
				return error(ErrorType.BAD_REQUEST, new Message("error.request.persisted-query"), input);
			}
			hash = sent.get();
			if (text != null && !hash.equals(Sha256.hex(text))) {
				return error(ErrorType.BAD_REQUEST, new Message("error.request.hash-mismatch"), input);
			}
		}
		if (manifestOnly && !manifest.contains(hash)) {
			return error(Refusal.PERSISTED_QUERY_NOT_IN_LIST, new Message("error.request.not-in-manifest"), input);
		}
		Locale locale = Objects.requireNonNullElse(input.getLocale(), Locale.ROOT);
		Parsed parsed = documents.getIfPresent(hash);
		if (parsed == null || !parsed.servesIn(locale)) {
			String document = text != null ? text : manifest.body(hash).orElse(null);
			if (document == null) {
				// the protocol's own word, which clients compare
				return error(Refusal.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
			}
			parsed = documents.asMap()
				.compute(hash, (key, cached) -> cached != null && cached.servesIn(locale) ? cached
						: new Parsed(parseAndValidate.apply(input.transform(b -> b.query(document))), locale));
		}
		PreparsedDocumentEntry entry = parsed.entry();
		if (isReadOnly(input) && !entry.hasErrors() && !isQuery(entry, input.getOperationName())) {
			return error(Refusal.METHOD_NOT_ALLOWED, new Message("error.request.get-mutation"), input);
		}
		return entry;
	}

	private static Optional<String> sentHash(Object persisted) {
		if (persisted instanceof Map<?, ?> map && map.get("version") instanceof Number version && version.intValue() == 1
				&& map.get("sha256Hash") instanceof String hash && SHA256.matcher(hash).matches()) {
			return Optional.of(hash.toLowerCase());
		}
		return Optional.empty();
	}

	private static boolean isReadOnly(ExecutionInput input) {
		return Boolean.TRUE.equals(input.getGraphQLContext().get(READ_ONLY));
	}

	/** An unknown or ambiguous operation name is left to execution, which names the problem. */
	private static boolean isQuery(PreparsedDocumentEntry entry, String operationName) {
		try {
			return NodeUtil.getOperation(entry.getDocument(), operationName).operationDefinition
				.getOperation() == OperationDefinition.Operation.QUERY;
		}
		catch (UnknownOperationException ex) {
			return true;
		}
	}

	private PreparsedDocumentEntry error(ErrorClassification type, Message message, ExecutionInput input) {
		return error(type, message.in(messages, input.getLocale()));
	}

	private static PreparsedDocumentEntry error(ErrorClassification type, String message) {
		GraphQLError error = GraphqlErrorBuilder.newError()
			.errorType(type)
			.message(message)
			.extensions(Map.of("code", type.toString()))
			.build();
		return new PreparsedDocumentEntry(error);
	}

	/** Classifications of requests refused before they run; Apollo's clients read the same in {@code code}. */
	enum Refusal implements ErrorClassification {

		PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_IN_LIST, METHOD_NOT_ALLOWED

	}

}
