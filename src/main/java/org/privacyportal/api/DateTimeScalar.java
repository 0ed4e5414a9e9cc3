package org.privacyportal.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * {@code DateTime}: ISO-8601 with an offset in, an {@link Instant} inside, UTC out. The portal keeps
 * every time as an {@code Instant}, which the extended-scalars {@code DateTime} does not serialize.
 */
final class DateTimeScalar {

	static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An ISO-8601 instant with offset, e.g. 2026-11-30T17:00:00Z")
		.coercing(new InstantCoercing())
		.build();

	private DateTimeScalar() {
	}

	private static final class InstantCoercing implements Coercing<Instant, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Instant instant) {
				return DateTimeFormatter.ISO_INSTANT.format(instant);
			}
			if (value instanceof OffsetDateTime dateTime) {
				return DateTimeFormatter.ISO_INSTANT.format(dateTime.toInstant());
			}
			throw new CoercingSerializeException("Not a date-time");
		}

		@Override
		public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				Instant parsed = parse(text);
				if (parsed != null) {
					return parsed;
				}
			}
			throw new CoercingParseValueException("Expected an ISO-8601 date-time with offset, e.g. 2026-11-30T17:00:00Z");
		}

		@Override
		public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				Instant parsed = parse(text.getValue());
				if (parsed != null) {
					return parsed;
				}
			}
			throw new CoercingParseLiteralException("Expected an ISO-8601 date-time with offset, e.g. 2026-11-30T17:00:00Z");
		}

		@Override
		public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
			return StringValue.of(serialize(input, context, locale));
		}

		private static Instant parse(String text) {
			try {
				return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

	}

}
