// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace allium {

/// What the monitor remembers between runs (window layout, last topic and filter, panel
/// states, chart field), in the same QSettings as the profiles. Never holds an API key: only
/// the names of the profiles a key was saved for, so the first run never asks the keychain.
class AppSettings
{
public:
    /// The settings shared with ProfileStore (organisation "Allium").
    AppSettings();
    /// An INI file of its own (tests, portable setups).
    explicit AppSettings(const QString &fileName);
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    QString fileName() const;
    /// True until the monitor ran once with these settings.
    bool isFirstRun() const;
    void setFirstRunDone();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    int currentTab() const;
    void setCurrentTab(int index);

    QString lastTopic() const;
    void setLastTopic(const QString &topic);
    /// The last filter applied, as setFilter JSON text; empty when none.
    QByteArray lastFilter() const;
    void setLastFilter(const QByteArray &json);
    /// StreamPanel's splitters; StreamTablePanel's own state (columns per topic, history).
    /// The workspace of streams (WorkspaceState's JSON); empty before the first save.
    QByteArray workspaceState() const;
    void setWorkspaceState(const QByteArray &json);
    QByteArray streamPanelState() const;
    void setStreamPanelState(const QByteArray &state);
    QByteArray tableState() const;
    void setTableState(const QByteArray &state);
    QByteArray consoleState() const;
    void setConsoleState(const QByteArray &state);
    QString chartField() const;
    void setChartField(const QString &path);
    QString lastProfile() const;
    void setLastProfile(const QString &name);

    /// The alert rules as the rules file's JSON text; empty before the first save.
    QByteArray alertRules() const;
    void setAlertRules(const QByteArray &json);
    bool alertSound() const;
    void setAlertSound(bool enabled);

    /// Profiles a key was saved for (names only): they connect with their key at start.
    QStringList profilesWithKey() const;
    void setProfileHasKey(const QString &profile, bool hasKey);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace allium
