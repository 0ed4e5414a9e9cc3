package org.privacyportal.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.MailWorker;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.security.DevTokenIssuer;
import org.privacyportal.security.Scopes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application context for the whole suite: the embedded store on a fresh file under
 * {@code target/}, the embedded issuer signing real RS256 tokens that go through the real decoder,
 * and callers per role as in spring-petclinic-graphql. With {@code MONGODB_URI} set the suite runs
 * against that MongoDB instead. Mail goes over SMTP to {@link #MAIL}, a GreenMail server in this JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class PortalIntegrationTest {

	private static final String DATA_DIR = "target/test-data/" + UUID.randomUUID();

	private static final Duration MAIL_WAIT = Duration.ofSeconds(10);

	private static final String MAIL_DELIVERIES = "mail_deliveries";

	private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter
		.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/** Started once per JVM, like the store, on a free port; every mail the portal sends arrives here. */
	protected static final GreenMail MAIL = startMailServer();

	@LocalServerPort
	protected int port;

	@Autowired
	protected DevTokenIssuer issuer;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected MailWorker mailWorker;

	@Autowired
	private List<MailOutbox> mailOutboxes;

	@DynamicPropertySource
	static void storeAndKeys(DynamicPropertyRegistry registry) {
		registry.add("portal.store.data-dir", () -> DATA_DIR);
		registry.add("portal.identity.key-dir", () -> DATA_DIR);
		// tests run these sweeps themselves, with the clock where they need it
		registry.add("portal.deletion.sweep-interval", () -> "PT1H");
		registry.add("portal.correction.repair-interval", () -> "PT1H");
		registry.add("portal.mail.poll-interval", () -> "PT1H");
		registry.add("portal.systems.poll-interval", () -> "PT1H");
		// the export worker looks for work often, so tests wait milliseconds, not seconds
		registry.add("portal.export.poll-interval", () -> "100ms");
		registry.add("portal.export.update-poll-interval", () -> "200ms");
		// few enough for a test to reach
		registry.add("portal.idempotency.max-keys-per-caller", () -> "10");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		// as on Kubernetes, where Spring Boot turns forwarded-header handling on by itself
		registry.add("server.forward-headers-strategy", () -> "framework");
		// exp is exact, so a test can see a token expire within seconds
		registry.add("portal.identity.clock-skew", () -> "0s");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
	}

	private static GreenMail startMailServer() {
		GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		mail.start();
		Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
		return mail;
	}

	/**
	 * Runs the mail worker until {@code count} mails to {@code address} arrived (the scheduled sweep
	 * may deliver some first), and answers them oldest first; fails after ten seconds.
	 */
	protected List<MimeMessage> awaitMail(String address, int count) {
		long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
		while (true) {
			mailWorker.deliverAll();
			List<MimeMessage> arrived = mailTo(address);
			if (arrived.size() >= count) {
				return arrived;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Expected " + count + " mails to " + address + ", got " + arrived.size());
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/**
	 * {@link #awaitMail} for the mail of one subject, checking on the way what a person must never
	 * get: before sending, each mail waiting for the subject carries exactly the model its template
	 * names (the {@code # Model:} line); after, every delivery recorded for the subject was sent, so
	 * none failed because it could not be built.
	 */
	protected List<MimeMessage> awaitMailOf(String subjectId, String address, int count) {
		waitingMail(subjectId).forEach(mail -> {
			Set<String> keys = new TreeSet<>(mail.get("model", Document.class).keySet());
			keys.remove(PendingMail.RECIPIENT_ADDRESS);
			assertThat(keys).as("model of %s", mail.getString("template"))
				.isEqualTo(templateModel(mail.getString("template")));
		});
		List<MimeMessage> mails = awaitMail(address, count);
		assertThat(mongo.getCollection(MAIL_DELIVERIES).find(new Document("subjectId", subjectId)))
			.extracting(delivery -> delivery.getString("template") + ": " + delivery.getString("status"))
			.allSatisfy(delivery -> assertThat(delivery).endsWith(": SENT"));
		return mails;
	}

	/**
	 * The subject behind a caller, registered by {@code me}, once its registration mail arrived: the
	 * mails a test causes afterwards follow it in order.
	 */
	protected Person welcomed(PortalClient client) {
		GraphQlResponse me = client.document("me");
		Person person = new Person(me.text("data.me.id"), me.text("data.me.profile.email"),
				me.text("data.me.profile.fullName"));
		awaitMailOf(person.id(), person.email(), 1);
		return person;
	}

	/** The text of a plain-text mail, with the line ends it had before SMTP. */
	protected static String body(MimeMessage mail) {
		try {
			return ((String) mail.getContent()).replace("\r\n", "\n");
		}
		catch (IOException | MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	/** An instant the way mail shows it. */
	protected static String inMail(Instant instant) {
		return MAIL_DATE.format(instant);
	}

	private List<Document> waitingMail(String subjectId) {
		List<Document> waiting = new ArrayList<>();
		for (MailOutbox outbox : mailOutboxes) {
			mongo.getCollection(outbox.collection())
				.find(new Document("outbox.subjectId", subjectId))
				.forEach(document -> document.getList("outbox", Document.class)
					.stream()
					.filter(mail -> subjectId.equals(mail.getString("subjectId")))
					.forEach(waiting::add));
		}
		return waiting;
	}

	/** The keys on a template's {@code # Model:} line, without their explanations in parentheses. */
	private static Set<String> templateModel(String template) {
		try {
			String content = new ClassPathResource("templates/mail/" + template + ".txt")
				.getContentAsString(StandardCharsets.UTF_8);
			String line = content.lines().filter(l -> l.startsWith("# Model:")).findFirst().orElseThrow();
			return Arrays.stream(line.substring("# Model:".length()).replaceAll("\\([^)]*\\)", "").split(","))
				.map(String::strip)
				.filter(key -> !key.isEmpty())
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/** The mails that arrived for {@code address} so far, oldest first. */
	protected static List<MimeMessage> mailTo(String address) {
		return Arrays.stream(MAIL.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	/** A subject as mail knows them: where mail goes and the name it greets. */
	protected record Person(String id, String email, String name) {
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** A data subject with a fresh identity, so tests never share one. */
	protected PortalClient newSubject() {
		String sub = "subject-" + UUID.randomUUID();
		return as(sub, List.of(Scopes.SELF), sub + "@example.com", "Subject " + sub.substring(8, 16));
	}

	protected PortalClient as(String sub, List<String> scopes, String email, String name) {
		return withToken(issuer.issue(sub, scopes, email, name));
	}

	protected PortalClient staff() {
		return as("staff-" + UUID.randomUUID(), List.of(Scopes.STAFF), null, "Staff Member");
	}

	protected PortalClient admin() {
		return as("admin-" + UUID.randomUUID(), List.of(Scopes.ADMIN), null, "Privacy Officer");
	}

	/** A caller whose token asks for {@code locale} in its {@code locale} claim. */
	protected PortalClient withLocale(String sub, List<String> scopes, String locale) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer.issuer())
			.subject(sub)
			.issuedAt(clock.instant())
			.expiresAt(clock.instant().plus(Duration.ofHours(1)))
			.claim("scope", String.join(" ", scopes))
			.claim("email", sub + "@example.com")
			.claim("name", "Locale Person")
			.claim("locale", locale)
			.build();
		return withToken(issuer.sign(claims));
	}

	protected PortalClient anonymous() {
		return withToken(null);
	}

	protected PortalClient withToken(String token) {
		return new PortalClient(baseUrl(), token, Map.of());
	}

}
