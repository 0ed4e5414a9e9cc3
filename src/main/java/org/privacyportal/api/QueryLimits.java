package org.privacyportal.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;

/**
 * graphql-java's depth and complexity limits, refusing with a {@link Message} that
 * {@link ErrorLanguage} writes in the caller's language.
 */
final class QueryLimits {

	private QueryLimits() {
	}

	static final class Depth extends MaxQueryDepthInstrumentation {

		Depth(int maxDepth) {
			super(maxDepth);
		}

		@Override
		protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
			return new Exceeded(new Message("error.limit.depth", depth, maxDepth));
		}

	}

	static final class Complexity extends MaxQueryComplexityInstrumentation {

		Complexity(int maxComplexity) {
			super(maxComplexity);
		}

		@Override
		protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
			return new Exceeded(new Message("error.limit.complexity", complexity, maxComplexity));
		}

	}

	/** The refusal, which is its own GraphQL error. */
	static final class Exceeded extends AbortExecutionException {

		private final transient Message text;

		Exceeded(Message text) {
			super(text.key());
			this.text = text;
		}

		Message text() {
			return text;
		}

	}

}
