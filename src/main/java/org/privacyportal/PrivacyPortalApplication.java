package org.privacyportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PrivacyPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(PrivacyPortalApplication.class, args);
	}

}
