// SPDX-License-Identifier: MIT
#include "core/settings/appsettings.h"

#include "core/settings/profilestore.h"

#include <QSettings>

namespace allium {

namespace {

const QString firstRunKey = QStringLiteral("monitor/firstRunDone");
const QString geometryKey = QStringLiteral("monitor/window/geometry");
const QString stateKey = QStringLiteral("monitor/window/state");
const QString tabKey = QStringLiteral("monitor/window/tab");
const QString topicKey = QStringLiteral("monitor/stream/topic");
const QString filterKey = QStringLiteral("monitor/stream/filter");
const QString workspaceKey = QStringLiteral("monitor/workspace");
const QString panelKey = QStringLiteral("monitor/stream/panel");
const QString tableKey = QStringLiteral("monitor/stream/table");
const QString consoleKey = QStringLiteral("monitor/console/state");
const QString chartFieldKey = QStringLiteral("monitor/stream/chartField");
const QString profileKey = QStringLiteral("monitor/profile");
const QString withKeyKey = QStringLiteral("monitor/profilesWithKey");
const QString alertRulesKey = QStringLiteral("monitor/alerts/rules");
const QString alertSoundKey = QStringLiteral("monitor/alerts/sound");

} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>(ProfileStore::settingsOrganization(),
                                             ProfileStore::settingsApplication()))
{}

AppSettings::AppSettings(const QString &fileName)
    : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{}

AppSettings::~AppSettings() = default;

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

bool AppSettings::isFirstRun() const
{
    return !m_settings->value(firstRunKey).toBool();
}

void AppSettings::setFirstRunDone()
{
    m_settings->setValue(firstRunKey, true);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(geometryKey).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(geometryKey, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(stateKey).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(stateKey, state);
}

int AppSettings::currentTab() const
{
    return m_settings->value(tabKey, 0).toInt();
}

void AppSettings::setCurrentTab(int index)
{
    m_settings->setValue(tabKey, index);
}

QString AppSettings::lastTopic() const
{
    return m_settings->value(topicKey).toString();
}

void AppSettings::setLastTopic(const QString &topic)
{
    m_settings->setValue(topicKey, topic);
}

QByteArray AppSettings::lastFilter() const
{
    return m_settings->value(filterKey).toString().toUtf8();
}

void AppSettings::setLastFilter(const QByteArray &json)
{
    // Text, not bytes, so the INI file stays readable and editable.
    m_settings->setValue(filterKey, QString::fromUtf8(json));
}

QByteArray AppSettings::workspaceState() const
{
    return m_settings->value(workspaceKey).toByteArray();
}

void AppSettings::setWorkspaceState(const QByteArray &json)
{
    m_settings->setValue(workspaceKey, json);
}

QByteArray AppSettings::streamPanelState() const
{
    return m_settings->value(panelKey).toByteArray();
}

void AppSettings::setStreamPanelState(const QByteArray &state)
{
    m_settings->setValue(panelKey, state);
}

QByteArray AppSettings::tableState() const
{
    return m_settings->value(tableKey).toByteArray();
}

void AppSettings::setTableState(const QByteArray &state)
{
    m_settings->setValue(tableKey, state);
}

QByteArray AppSettings::consoleState() const
{
    return m_settings->value(consoleKey).toByteArray();
}

void AppSettings::setConsoleState(const QByteArray &state)
{
    m_settings->setValue(consoleKey, state);
}

QString AppSettings::chartField() const
{
    return m_settings->value(chartFieldKey).toString();
}

void AppSettings::setChartField(const QString &path)
{
    m_settings->setValue(chartFieldKey, path);
}

QString AppSettings::lastProfile() const
{
    return m_settings->value(profileKey).toString();
}

void AppSettings::setLastProfile(const QString &name)
{
    m_settings->setValue(profileKey, name);
}

QByteArray AppSettings::alertRules() const
{
    return m_settings->value(alertRulesKey).toString().toUtf8();
}

void AppSettings::setAlertRules(const QByteArray &json)
{
    // Text, as the last filter: the INI file stays readable and editable.
    m_settings->setValue(alertRulesKey, QString::fromUtf8(json));
}

bool AppSettings::alertSound() const
{
    return m_settings->value(alertSoundKey, false).toBool();
}

void AppSettings::setAlertSound(bool enabled)
{
    m_settings->setValue(alertSoundKey, enabled);
}

QStringList AppSettings::profilesWithKey() const
{
    return m_settings->value(withKeyKey).toStringList();
}

void AppSettings::setProfileHasKey(const QString &profile, bool hasKey)
{
    QStringList names = profilesWithKey();
    names.removeAll(profile);
    if (hasKey)
        names.append(profile);
    m_settings->setValue(withKeyKey, names);
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace allium
