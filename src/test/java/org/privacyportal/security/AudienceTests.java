package org.privacyportal.security;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One rule for staff-only data: a person holding both scopes is a subject through the self-service
 * fields, staff through the staff fields.
 */
class AudienceTests extends PortalIntegrationTest {

	@Autowired
	private GraphQlSource graphQl;

	@Autowired
	private ApplicationContext context;

	@Test
	void aPersonHoldingBothScopesSeesTheirOwnDataThroughMeAsAnySubjectDoes() {
		String sub = "staff-subject-" + UUID.randomUUID();
		PortalClient both = as(sub, List.of(Scopes.SELF, Scopes.STAFF), sub + "@example.com", "Staff Subject");
		String id = both.document("me").text("data.me.id");
		String ready = export(both);
		awaitStatus(both, id, ready, "READY");
		staff().document("setLegalHold", "subjectId", id, "hold", true, "reason", "Litigation 8");
		GraphQlResponse requested = both.document("requestDeletion");
		both.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		// a history entry the export cannot read, so the next export fails with a reason for staff
		mongo.getCollection("consent_events")
			.updateOne(new Document("_id", id + ":1"), new Document("$set", new Document("granted", "perhaps")));
		String failed = export(both);
		awaitStatus(both, id, failed, "FAILED");

		GraphQlResponse seen = both.document("ownDataBothWays", "id", id);

		assertThat(requested.path("data.requestDeletion.request.blockedBy").isNull()).isTrue();

		assertThat(seen.path("data.me.legalHold").asBoolean()).isFalse();
		assertThat(seen.path("data.me.deletionRequest.blockedBy").isNull()).isTrue();
		assertThat(node(seen, "data.me", failed).path("failureReason").isNull()).isTrue();
		assertThat(node(seen, "data.me", ready).path("downloadUrl").asString()).startsWith("/exports/" + ready);
		assertThat(seen.path("data.subject.legalHold").asBoolean()).isTrue();
		assertThat(seen.text("data.subject.deletionRequest.blockedBy")).isEqualTo("LEGAL_HOLD");
		assertThat(node(seen, "data.subject", failed).path("failureReason").asString()).contains("consentHistory");
		assertThat(node(seen, "data.subject", ready).path("downloadUrl").isNull()).isTrue();
	}

	@Test
	void everyRootFieldOnlySubjectsMayCallIsMarkedSelfServiceInTheSchema() {
		GraphQLSchema schema = graphQl.schema();
		Map<String, Boolean> marked = new TreeMap<>();
		Map<String, Boolean> selfOnly = new TreeMap<>();
		for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType(),
				schema.getSubscriptionType())) {
			root.getFieldDefinitions()
				.forEach(field -> marked.put(field.getName(), field.hasAppliedDirective(Audience.SELF_SERVICE)));
		}
		for (Object controller : context.getBeansWithAnnotation(Controller.class).values()) {
			for (Method method : AopUtils.getTargetClass(controller).getDeclaredMethods()) {
				PreAuthorize scope = method.getAnnotation(PreAuthorize.class);
				if (scope != null && marked.containsKey(method.getName())) {
					selfOnly.put(method.getName(), scope.value().equals(Scopes.IS_SELF));
				}
			}
		}
		marked.keySet().retainAll(selfOnly.keySet());

		assertThat(selfOnly).containsKey("me").containsKey("subject").containsKey("dataExportUpdated");
		assertThat(marked).isEqualTo(selfOnly);
	}

	private static String export(PortalClient subject) {
		return subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
	}

	private static void awaitStatus(PortalClient subject, String subjectId, String exportId, String status) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status.equals(
					node(subject.document("ownDataBothWays", "id", subjectId), "data.subject", exportId).path("status")
						.asString()));
	}

	private static JsonNode node(GraphQlResponse response, String subject, String exportId) {
		for (JsonNode edge : response.path(subject + ".exports.edges")) {
			if (edge.path("node").path("id").asString().equals(exportId)) {
				return edge.path("node");
			}
		}
		throw new AssertionError("No export " + exportId + " in " + response.rawBody());
	}

}
