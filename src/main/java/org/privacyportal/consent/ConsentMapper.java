package org.privacyportal.consent;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;

@Mapper(config = MapStructConfig.class)
interface ConsentMapper {

	ConsentPurposeView toView(ConsentPurpose purpose);

	ConsentViews.ConsentEventView toView(ConsentEvent event);

}
