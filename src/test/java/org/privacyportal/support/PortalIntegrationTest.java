package org.privacyportal.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;

import org.privacyportal.notification.MailWorker;
import org.privacyportal.security.DevTokenIssuer;
import org.privacyportal.security.Scopes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	@DynamicPropertySource
	static void storeAndKeys(DynamicPropertyRegistry registry) {
		registry.add("portal.store.data-dir", () -> DATA_DIR);
		registry.add("portal.identity.key-dir", () -> DATA_DIR);
		// tests run these sweeps themselves, with the clock where they need it
		registry.add("portal.deletion.sweep-interval", () -> "PT1H");
		registry.add("portal.correction.repair-interval", () -> "PT1H");
		registry.add("portal.mail.poll-interval", () -> "PT1H");
		// the export worker looks for work often, so tests wait milliseconds, not seconds
		registry.add("portal.export.poll-interval", () -> "100ms");
		registry.add("portal.export.update-poll-interval", () -> "200ms");
		registry.add("spring.mail.host", () -> "127.0.0.1");
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

	protected PortalClient anonymous() {
		return withToken(null);
	}

	protected PortalClient withToken(String token) {
		return new PortalClient(baseUrl(), token, Map.of());
	}

}
