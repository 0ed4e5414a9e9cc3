import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Run by queue-benchmark.sh against a portal it started. Writes correction requests and complaints
 * straight into the store up to each size given (half the corrections PENDING, the rest closed; a
 * third of the complaints open and past due), then times the staff queue pages the way a staff
 * tool asks for them, one request at a time: the first page of 50, and the 10th (after walking
 * pages 1 to 9 once for its cursor).
 *
 * <p>Arguments: base URL, store URI, staff token, samples per figure, then the sizes.
 */
public class QueueBenchmark {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Pattern END_CURSOR = Pattern.compile("\"endCursor\":\"([^\"]+)\"");

	private static final Pattern EDGE = Pattern.compile("\"cursor\":");

	private static final String CORRECTIONS = "query($after: String) { correctionRequests(first: 50, after: $after, "
			+ "filter: {status: [PENDING]}) { edges { cursor node { id subjectId field status dueAt submittedAt } } "
			+ "pageInfo { hasNextPage endCursor } } }";

	private static final String COMPLAINTS = "query($after: String) { complaints(first: 50, after: $after, "
			+ "filter: {overdue: true}) { edges { cursor node { id category urgent status dueAt overdue assignee subjectId } } "
			+ "pageInfo { hasNextPage endCursor } } }";

	private static final String[] FIELDS = { "FULL_NAME", "EMAIL", "PHONE", "POSTAL_ADDRESS", "ORGANIZATION" };

	private static final String[] CLOSED = { "APPROVED", "REJECTED", "CANCELLED" };

	private static final String[] CATEGORIES = { "POLICY_VIOLATION", "UNWANTED_MARKETING", "THIRD_PARTY_SHARING",
			"DATA_ACCURACY", "OTHER" };

	public static void main(String[] args) throws Exception {
		String baseUrl = args[0];
		String token = args[2];
		int samples = Integer.parseInt(args[3]);
		Random random = new Random(42);
		System.out.println("| requests and complaints in the store | query | page | p50 ms | p95 ms | max ms |");
		System.out.println("|---:|---|---:|---:|---:|---:|");
		try (MongoClient store = MongoClients.create(args[1])) {
			MongoDatabase db = store.getDatabase("privacy-portal");
			int written = 0;
			for (int i = 4; i < args.length; i++) {
				int size = Integer.parseInt(args[i]);
				long started = System.nanoTime();
				seed(db, written, size, random);
				System.err.printf("%,d corrections and complaints written in %d s%n", size,
						(System.nanoTime() - started) / 1_000_000_000);
				written = size;
				for (String[] queue : List.of(new String[] { "correctionRequests PENDING", CORRECTIONS },
						new String[] { "complaints overdue", COMPLAINTS })) {
					String tenth = cursorOfPage(baseUrl, token, queue[1], 10);
					row(size, queue[0], 1, time(baseUrl, token, queue[1], null, samples));
					row(size, queue[0], 10, time(baseUrl, token, queue[1], tenth, samples));
				}
			}
		}
	}

	private static void seed(MongoDatabase db, int from, int to, Random random) {
		Instant now = Instant.now();
		List<Document> corrections = new ArrayList<>();
		List<Document> complaints = new ArrayList<>();
		for (int n = from; n < to; n++) {
			String subject = "bench-subject-" + n;
			String field = FIELDS[n % FIELDS.length];
			Instant submitted = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
			boolean pending = n % 2 == 0;
			String id = UUID.randomUUID().toString();
			Document correction = new Document("_id", id).append("subjectId", subject)
				.append("field", field)
				.append("currentValue", "old")
				.append("proposedValue", "new")
				.append("status", pending ? "PENDING" : CLOSED[n % CLOSED.length])
				.append("openKey", pending ? subject + "/" + field : id)
				.append("submittedAt", Date.from(submitted))
				.append("dueAt", Date.from(submitted.plus(Duration.ofDays(30))))
				.append("outbox", List.of());
			if (!pending) {
				correction.append("decidedAt", Date.from(now)).append("closedAt", Date.from(now));
			}
			corrections.add(correction);
			boolean open = n % 3 == 0;
			Instant filed = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
			Instant resolveBy = filed.plus(Duration.ofDays(30));
			// open complaints are past due: acknowledgement was due 72 hours after filing
			Instant acknowledgeBy = filed.plus(Duration.ofHours(72));
			complaints.add(new Document("_id", UUID.randomUUID().toString()).append("subjectId", subject)
				.append("category", CATEGORIES[n % CATEGORIES.length])
				.append("urgent", false)
				.append("summary", "Complaint " + n)
				.append("description", "Benchmark complaint")
				.append("status", open ? "RECEIVED" : "RESOLVED")
				.append("filedAt", Date.from(filed))
				.append("acknowledgeBy", Date.from(acknowledgeBy))
				.append("resolveBy", Date.from(resolveBy))
				.append("dueAt", Date.from(open ? filed.minus(Duration.ofHours(1)) : resolveBy))
				.append("queueRank", open ? 1 : 2)
				.append("updatedAt", Date.from(filed))
				.append("messages", List.of())
				.append("outbox", List.of()));
			if (corrections.size() == 1000) {
				db.getCollection("correction_requests").insertMany(corrections);
				db.getCollection("complaints").insertMany(complaints);
				corrections.clear();
				complaints.clear();
			}
		}
		if (!corrections.isEmpty()) {
			db.getCollection("correction_requests").insertMany(corrections);
			db.getCollection("complaints").insertMany(complaints);
		}
	}

	private static String cursorOfPage(String baseUrl, String token, String query, int page) throws Exception {
		String after = null;
		for (int n = 1; n < page; n++) {
			Matcher cursor = END_CURSOR.matcher(graphql(baseUrl, token, query, after));
			if (!cursor.find()) {
				throw new IllegalStateException("No page " + (n + 1));
			}
			after = cursor.group(1);
		}
		return after;
	}

	private static long[] time(String baseUrl, String token, String query, String after, int samples)
			throws Exception {
		for (int n = 0; n < Math.max(3, samples / 5); n++) {
			graphql(baseUrl, token, query, after);
		}
		long[] micros = new long[samples];
		for (int n = 0; n < samples; n++) {
			long started = System.nanoTime();
			String body = graphql(baseUrl, token, query, after);
			micros[n] = (System.nanoTime() - started) / 1000;
			int edges = 0;
			for (Matcher edge = EDGE.matcher(body); edge.find();) {
				edges++;
			}
			if (edges != 50) {
				throw new IllegalStateException("Expected a page of 50: " + body.substring(0, Math.min(300, body.length())));
			}
		}
		Arrays.sort(micros);
		return micros;
	}

	private static void row(int size, String queue, int page, long[] micros) {
		System.out.printf("| %,d | %s | %d | %.1f | %.1f | %.1f |%n", size, queue, page, percentile(micros, 0.50),
				percentile(micros, 0.95), micros[micros.length - 1] / 1000.0);
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1000.0;
	}

	private static String graphql(String baseUrl, String token, String query, String after) throws Exception {
		String variables = after == null ? "{}" : "{\"after\": \"" + after + "\"}";
		String body = "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"variables\": " + variables + "}";
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		return response.body();
	}

}
