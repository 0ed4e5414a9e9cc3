package org.privacyportal.consent;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.privacyportal.api.MapStructConfig;

@Mapper(config = MapStructConfig.class)
interface ConsentMapper {

	@Mapping(target = "purposeVersion", expression = "java(event.purposeVersionOrFirst())")
	ConsentViews.ConsentEventView toView(ConsentEvent event);

}
