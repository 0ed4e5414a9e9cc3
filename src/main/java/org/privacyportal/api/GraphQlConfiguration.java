package org.privacyportal.api;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer dateTimeScalar() {
		return wiring -> wiring.scalar(DateTimeScalar.INSTANCE);
	}

	@Bean
	QueryLimits.Depth maxQueryDepth(ApiProperties properties) {
		return new QueryLimits.Depth(properties.maxQueryDepth());
	}

	/** Every selected field costs one, so 500 aliases of {@code me} are refused before they run. */
	@Bean
	QueryLimits.Complexity maxQueryComplexity(ApiProperties properties) {
		return new QueryLimits.Complexity(properties.maxQueryComplexity());
	}

	@Bean
	DocumentCache documentCache(ClientProperties properties, ResourceLoader resources, MessageSource messages) {
		String manifest = properties.persistedQueries();
		if (properties.persistedQueriesOnly() && !StringUtils.hasText(manifest)) {
			throw new IllegalStateException(
					"PORTAL_PERSISTED_QUERIES_ONLY=true needs PORTAL_PERSISTED_QUERIES, the manifest of the operations allowed");
		}
		return new DocumentCache(properties.documentCacheSize(),
				StringUtils.hasText(manifest) ? PersistedQueryManifest.load(resources.getResource(manifest.strip()))
						: PersistedQueryManifest.EMPTY,
				properties.persistedQueriesOnly(), messages);
	}

	@Bean
	GraphQlSourceBuilderCustomizer documentCaching(DocumentCache documents) {
		return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
	}

	/** Ahead of Boot's route, which answers every {@code GET /graphql} with 405. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlGet(WebGraphQlHandler handler, GraphQlProperties graphQl,
			ClientProperties properties, MessageSource messages) {
		GraphQlGetHandler get = new GraphQlGetHandler(handler, properties, messages);
		return RouterFunctions.route(RequestPredicates.GET(graphQl.getHttp().getPath()), get::handle);
	}

	/** Wires every {@code *Connection.totalCount} to the count that came with its window. */
	@Bean
	GraphQlSourceBuilderCustomizer totalCountWiring() {
		DataFetcher<Long> totalCount = env -> {
			Object context = env.getLocalContext();
			if (context instanceof Connections.TotalCount count) {
				return count.supplier().getAsLong();
			}
			throw new IllegalStateException(env.getParentType() + " was not returned through Connections.of");
		};
		return builder -> builder.typeVisitors(java.util.List.of(new GraphQLTypeVisitorStub() {
			@Override
			public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
					TraverserContext<GraphQLSchemaElement> context) {
				if (field.getName().equals("totalCount")
						&& context.getParentNode() instanceof GraphQLFieldsContainer type
						&& type.getName().endsWith("Connection")) {
					graphql.schema.GraphQLCodeRegistry.Builder registry = context
						.getVarFromParents(graphql.schema.GraphQLCodeRegistry.Builder.class);
					registry.dataFetcher(FieldCoordinates.coordinates(type.getName(), field.getName()), totalCount);
				}
				return TraversalControl.CONTINUE;
			}
		}));
	}

}
