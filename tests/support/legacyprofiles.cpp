// SPDX-License-Identifier: MIT
#include "support/legacyprofiles.h"

#include <QSettings>

namespace allium {

void writeLegacyProfile(const QString &file, const QString &name, const QString &baseUrl)
{
    QSettings settings(file, QSettings::IniFormat);
    settings.beginWriteArray(QStringLiteral("profiles"), 1);
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("name"), name);
    settings.setValue(QStringLiteral("baseUrl"), baseUrl);
    settings.endArray();
}

} // namespace allium
