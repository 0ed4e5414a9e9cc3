package org.privacyportal.api;

import java.util.function.LongSupplier;

import graphql.execution.DataFetcherResult;

import org.springframework.data.domain.Window;

/**
 * Returns a {@link Window} to Spring for GraphQL's connection adapter together with a way to count
 * the whole list; the count runs only when a client selects {@code totalCount}.
 */
public final class Connections {

	private Connections() {
	}

	public static <T> DataFetcherResult<Window<T>> of(Window<T> window, LongSupplier totalCount) {
		return DataFetcherResult.<Window<T>>newResult().data(window).localContext(new TotalCount(totalCount)).build();
	}

	/** Travels as the connection's local context to its {@code totalCount} field. */
	record TotalCount(LongSupplier supplier) {
	}

}
