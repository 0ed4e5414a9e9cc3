package org.privacyportal.disclosure;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.disclosure.DisclosureViews.DisclosureView;

@Mapper(config = MapStructConfig.class)
interface DisclosureMapper {

	DisclosureView toView(Disclosure disclosure);

}
