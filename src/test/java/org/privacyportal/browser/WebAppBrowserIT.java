package org.privacyportal.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.privacyportal.PrivacyPortalApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference web app in headless Chromium, served from another origin ({@code localhost}) than
 * the API ({@code 127.0.0.1}), so CORS is exercised for HTTP, the WebSocket and the download. The
 * portal runs in allow-list mode with the app's own manifest: an operation the app sends but the
 * manifest lacks fails the walk. Screenshots go to {@code target/browser-screenshots/}, a failing
 * step's as {@code FAILED-…}.
 */
class WebAppBrowserIT {

	private static final Path APP = Path.of("target/classes/static/app");

	private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");

	private static ConfigurableApplicationContext portal;

	private static HttpServer appServer;

	private static String appUrl;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	static void startPortalAndApp() throws IOException {
		String dataDir = "target/test-data/browser-" + UUID.randomUUID();
		portal = new SpringApplicationBuilder(PrivacyPortalApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--portal.store.data-dir=" + dataDir, "--portal.identity.key-dir=" + dataDir,
				"--portal.export.poll-interval=200ms", "--portal.export.update-poll-interval=300ms",
				"--portal.graphql.persisted-queries=classpath:static/app/persisted-query-manifest.json",
				"--portal.graphql.persisted-queries-only=true");
		int apiPort = ((WebServerApplicationContext) portal).getWebServer().getPort();
		appServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] config = ("{\"api\": \"http://127.0.0.1:" + apiPort + "\"}").getBytes(StandardCharsets.UTF_8);
		appServer.createContext("/", exchange -> serve(exchange, config));
		appServer.start();
		appUrl = "http://localhost:" + appServer.getAddress().getPort() + "/";
		Files.createDirectories(SCREENSHOTS);
	}

	/** A plain static file server, as any web host would be. */
	private static void serve(HttpExchange exchange, byte[] config) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Path file = APP.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
		byte[] body;
		String type;
		if (path.equals("/config.json")) {
			body = config;
			type = "application/json";
		}
		else if (file.startsWith(APP) && Files.isRegularFile(file)) {
			body = Files.readAllBytes(file);
			String name = file.getFileName().toString();
			type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
					: name.endsWith(".json") ? "application/json" : "text/html; charset=utf-8";
		}
		else {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@AfterAll
	static void stop() {
		if (appServer != null) {
			appServer.stop(0);
		}
		if (portal != null) {
			portal.close();
		}
	}

	@Test
	void aSubjectAndThenStaffWalkTheirJourneys(TestInfo test) throws IOException {
		browser = chromium();
		try {
			wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			String sub = "browser-" + UUID.randomUUID();
			selfServiceJourney(sub);
			staffJourney();
			subjectSeesTheOutcome(sub);
			onAPhone();
		}
		catch (RuntimeException | AssertionError ex) {
			screenshot("FAILED-" + test.getTestMethod().orElseThrow().getName());
			throw ex;
		}
		finally {
			browser.quit();
		}
	}

	private void selfServiceJourney(String sub) throws IOException {
		browser.get(appUrl);
		signIn(sub, "Alice Browser", sub + "@example.com", "self");
		waitForHeading("Your data, Alice Browser");
		assertThat(section("Your profile").getText()).contains(sub + "@example.com", "Registration");

		click(By.id("acknowledge-policy"));
		waitForStatus("You acknowledged version");
		assertThat(section("Privacy policy").getText()).contains("You have acknowledged it");

		click(By.id("consent-analytics"));
		click(By.id("save-consents"));
		waitForStatus("Your choices are saved.");
		assertThat(browser.findElement(By.id("consent-analytics-text")).getText()).contains("Now: off (Subject)");

		new Select(inSection("A copy of your data", "Format")).selectByValue("ZIP");
		click(By.id("request-export"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-progress"), "Ready"));
		click(By.cssSelector("#exports button.download"));
		waitForStatus("Downloaded privacy-export-");
		screenshot("1-self-service-export");

		new Select(inSection("Corrections", "Field")).selectByValue("FULL_NAME");
		type(inSection("Corrections", "Correct value"), "Alice Corrected");
		click(By.id("submit-correction"));
		waitForStatus("Your correction request was sent");
		new Select(inSection("Corrections", "Field")).selectByValue("PHONE");
		type(inSection("Corrections", "Correct value"), "+41 44 668 18 00");
		click(By.id("submit-correction"));
		waitForStatus("Your correction request was sent");
		WebElement phone = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//article[h3[contains(., '+41446681800')]]")));
		phone.findElement(By.xpath(".//button[normalize-space()='Withdraw this request']")).click();
		waitForStatus("The correction request is withdrawn.");

		new Select(inSection("Complaints", "What is it about")).selectByValue("UNWANTED_MARKETING");
		type(inSection("Complaints", "Summary"), "Too much mail");
		type(inSection("Complaints", "What happened"), "I opted out and still get two letters a week.");
		click(By.id("file-complaint"));
		waitForStatus("Your complaint is filed.");

		type(inSection("Delete my data", "Why (optional)"), "Moving on");
		click(By.xpath("//section[h2='Delete my data']//input[@type='checkbox']"));
		click(By.id("request-deletion"));
		waitForStatus("Your deletion request is recorded.");
		click(By.id("cancel-deletion"));
		waitForStatus("Your deletion request is cancelled.");
		click(By.xpath("//section[h2='Delete my data']//input[@type='checkbox']"));
		click(By.id("request-deletion"));
		waitForStatus("Your deletion request is recorded.");
		assertThat(browser.findElement(By.id("deletion-state")).getText()).contains("will be erased");
		screenshot("2-self-service-requests");
		signOut();
	}

	private void staffJourney() throws IOException {
		signIn("staff-" + UUID.randomUUID(), "Sam Staff", "", "staff");
		waitForHeading("Privacy work");
		assertThat(browser.findElements(By.cssSelector("#metrics svg.chart rect.received"))).hasSize(6);
		assertThat(section("Corrections (1 open)").getText()).contains("Alice Corrected");

		WebElement correction = browser.findElement(By.xpath("//article[h3[contains(., 'Alice Corrected')]]"));
		correction.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
		waitForStatus("Approved; the profile is changed.");

		WebElement complaint = browser.findElement(By.xpath("//article[h3='Too much mail']"));
		new Select(complaint.findElement(By.name("status"))).selectByValue("ACKNOWLEDGED");
		type(complaint.findElement(By.name("reply")), "We stopped the letters; sorry for the trouble.");
		type(complaint.findElement(By.name("internalNote")), "Checked the print run list.");
		complaint.findElement(By.xpath(".//button[normalize-space()='Save']")).click();
		waitForStatus("The complaint is updated.");

		WebElement deletion = browser.findElement(By.cssSelector("#deletions article"));
		deletion.findElement(By.tagName("summary")).click();
		type(deletion.findElement(By.name("reason")), "Records need checking with the archive");
		deletion.findElement(By.xpath(".//button[normalize-space()='Extend']")).click();
		waitForStatus("The deadline is extended.");

		browser.findElement(By.cssSelector("#deletions article")).findElement(
				By.xpath(".//button[starts-with(normalize-space(), 'Legal hold for this subject')]")).click();
		assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("hold-reason");
		type(browser.findElement(By.id("hold-reason")), "Litigation hold, case 2026-17");
		click(By.id("set-legal-hold"));
		waitForStatus("The legal hold is placed.");
		assertThat(browser.findElement(By.cssSelector("#deletions article")).getText()).contains("legal hold", "Deadline already extended.");
		screenshot("3-staff-queues");

		click(By.id("overdue-only"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaints-title"), "(0 open)"));
		assertThat(section("Complaints (0 open)").getText()).contains("Nothing waiting.");
		assertThat(section("Deletions (0 open)").getText()).contains("Nothing waiting.");
		click(By.id("overdue-only"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaints-title"), "(1 open)"));
		signOut();
	}

	private void subjectSeesTheOutcome(String sub) throws IOException {
		signIn(sub, "Alice Browser", sub + "@example.com", "self");
		waitForHeading("Your data, Alice Corrected");
		WebElement complaint = browser.findElement(By.xpath("//article[h3='Too much mail']"));
		assertThat(complaint.getText()).contains("Acknowledged", "We stopped the letters").doesNotContain("print run");
		type(complaint.findElement(By.name("body")), "Thank you, that settles it.");
		complaint.findElement(By.xpath(".//button[normalize-space()='Send reply']")).click();
		waitForStatus("Your reply is sent.");
		assertThat(browser.findElement(By.xpath("//article[h3='Too much mail']")).getText()).contains("You (", "that settles it");
		screenshot("4-self-service-after-staff");
	}

	private void onAPhone() throws IOException {
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitForHeading("Your data, Alice Corrected");
		Long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0L);
		screenshot("5-phone");
	}

	private void signIn(String sub, String name, String email, String role) {
		WebElement userId = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("sub")));
		type(userId, sub);
		type(browser.findElement(By.name("name")), name);
		type(browser.findElement(By.name("email")), email);
		new Select(browser.findElement(By.name("role"))).selectByValue(role);
		click(By.xpath("//button[normalize-space()='Sign in']"));
	}

	private void signOut() {
		click(By.xpath("//nav//button[normalize-space()='Sign out']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("sub")));
	}

	private void waitForHeading(String text) {
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
	}

	private void waitForStatus(String text) {
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
		assertThat(browser.findElement(By.id("status")).getAttribute("class")).doesNotContain("error");
	}

	private WebElement section(String title) {
		return browser.findElement(By.xpath("//section[h2[normalize-space()=\"" + title + "\"]]"));
	}

	/** The control a label names, within the section of that title. */
	private WebElement inSection(String title, String label) {
		WebElement labelElement = section(title).findElement(By.xpath(".//label[normalize-space()=\"" + label + "\"]"));
		return browser.findElement(By.id(labelElement.getAttribute("for")));
	}

	private void click(By locator) {
		wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
	}

	private static void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

	/** The whole page: the window grows to the page's height for the picture. */
	private void screenshot(String name) throws IOException {
		Dimension window = browser.manage().window().getSize();
		Long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
		browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 8000)));
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		browser.manage().window().setSize(window);
	}

	/** Debian's chromium and chromium-driver, found on the PATH: nothing is downloaded. */
	private static WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(onPath("chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		options.setExperimentalOption("prefs", Map.of("download.default_directory",
				Path.of("target/browser-downloads").toAbsolutePath().toString()));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(onPath("chromedriver")).toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	private static String onPath(String command) {
		for (String dir : List.of(System.getenv("PATH").split(java.io.File.pathSeparator))) {
			Path candidate = Path.of(dir, command);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException(command + " is not on the PATH; install Debian's chromium and chromium-driver");
	}

}
