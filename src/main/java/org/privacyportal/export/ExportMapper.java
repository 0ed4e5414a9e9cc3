package org.privacyportal.export;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.export.ExportViews.DataExportView;

@Mapper(config = MapStructConfig.class)
interface ExportMapper {

	DataExportView toView(DataExport export);

}
