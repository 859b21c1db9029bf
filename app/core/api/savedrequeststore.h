// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apitemplate.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

class QSettings;

namespace allium {

/// The console's saved requests (name, method, path, body text), persisted with QSettings next
/// to the connection profiles. Names are unique; saving under a taken name replaces it. Holds
/// requests only: never an API key, never an id.
class SavedRequestStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxRequests = 500;
    static constexpr int MaxBodyChars = 256 * 1024;

    /// The application's settings (the organisation and application of ProfileStore).
    explicit SavedRequestStore(QObject *parent = nullptr);
    /// Requests kept in an INI file at `settingsFile`.
    explicit SavedRequestStore(const QString &settingsFile, QObject *parent = nullptr);
    ~SavedRequestStore() override;

    /// Where the requests are written.
    QString fileName() const;

    QList<ApiTemplate> requests() const { return m_requests; }
    QStringList names() const;
    bool contains(const QString &name) const;
    /// The saved request `name`, or a default-constructed template.
    ApiTemplate request(const QString &name) const;

    /// Saves (or replaces) `request` under its name; false with a reason when the name is
    /// empty, the path does not start with "/", the body is too large or the store is full.
    bool save(const ApiTemplate &request, QString *error = nullptr);
    bool remove(const QString &name);
    /// Reads the settings again (another window may have written them).
    void reload();

signals:
    void requestsChanged();

private:
    void load();
    void write();

    std::unique_ptr<QSettings> m_settings;
    QList<ApiTemplate> m_requests;
};

} // namespace allium
