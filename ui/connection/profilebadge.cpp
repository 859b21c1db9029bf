// SPDX-License-Identifier: MIT
#include "ui/connection/profilebadge.h"

#include "core/connection/connectionprofile.h"
#include "ui/text/plaintext.h"

#include <QHostAddress>

namespace allium {

ProfileBadge::ProfileBadge(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("profileBadge"));
    setTextFormat(Qt::PlainText); // the host comes from a profile, i.e. from the user or a file
    setAlignment(Qt::AlignCenter);
}

ProfileBadge::Kind ProfileBadge::kindOf(const ConnectionProfile &profile)
{
    if (profile.isEmbeddedEmulator())
        return Kind::LocalEmulator;
    const QString host = profile.baseUrl().host().toLower();
    if (host == QLatin1String("localhost") || QHostAddress(host).isLoopback())
        return Kind::LocalEmulator;
    if (host == QLatin1String("allium.so") || host.endsWith(QLatin1String(".allium.so")))
        return Kind::Allium;
    return Kind::Other;
}

void ProfileBadge::setProfile(const ConnectionProfile &profile)
{
    m_kind = kindOf(profile);
    QString text;
    QString background;
    switch (m_kind) {
    case Kind::LocalEmulator:
        text = tr("Local emulator");
        background = QStringLiteral("#8a4baf");
        break;
    case Kind::Allium:
        text = tr("Allium");
        background = QStringLiteral("#1f6fd1");
        break;
    case Kind::Other:
        text = profile.baseUrl().host();
        background = QStringLiteral("#6b6b6b");
        break;
    }
    setText(PlainText::bounded(text, 80));
    setToolTip(PlainText::toolTip(
        profile.isEmbeddedEmulator()
            ? tr("%1: the emulator built into this application").arg(profile.name())
            : tr("%1: %2").arg(profile.name(),
                               profile.baseUrl().toDisplayString(QUrl::RemoveUserInfo))));
    // White on a saturated colour reads the same on light and dark palettes.
    setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; font-weight: bold;"
                                 " border-radius: 3px; padding: 1px 6px; }")
                      .arg(background));
}

} // namespace allium
