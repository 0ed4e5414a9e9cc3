package org.privacyportal.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer dateTimeScalar() {
		return wiring -> wiring.scalar(DateTimeScalar.INSTANCE);
	}

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(ApiProperties properties) {
		return new MaxQueryDepthInstrumentation(properties.maxQueryDepth());
	}

	/** Every selected field costs one, so 500 aliases of {@code me} are refused before they run. */
	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(ApiProperties properties) {
		return new MaxQueryComplexityInstrumentation(properties.maxQueryComplexity());
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
