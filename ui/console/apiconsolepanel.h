// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"
#include "core/api/apitemplate.h"

#include <QByteArray>
#include <QPointer>
#include <QWidget>

#include <optional>

class QPushButton;
class QSplitter;

namespace allium {

class ApiClient;
class PlainLabel;
struct ApiResult;
class ApiComposerWidget;
class ApiHistoryModel;
class ApiHistoryWidget;
class SavedRequestStore;

/// The API console: the request composer above the history of every request (status, latency,
/// matched response). It submits what the composer sends and what the history resends, so both
/// land in the one history with ids unique across the console.
class ApiConsolePanel : public QWidget
{
    Q_OBJECT
public:
    /// `savedRequests` (not owned) holds the user's saved requests; it outlives the panel.
    explicit ApiConsolePanel(SavedRequestStore *savedRequests, QWidget *parent = nullptr);
    ~ApiConsolePanel() override;

    /// The client requests go through (not owned; nullptr: sending is off).
    /// Most pages "Fetch all" fetches in one go.
    static constexpr int FetchAllPages = 20;

    void setApiClient(ApiClient *client);
    ApiClient *apiClient() const;

    /// Splitters, table header and the request being composed; never the history, never a key.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    ApiComposerWidget *composer() const { return m_composer; }
    ApiHistoryWidget *historyView() const { return m_historyView; }
    ApiHistoryModel *historyModel() const { return m_history; }
    SavedRequestStore *savedRequests() const { return m_store; }

    /// Puts `request` (method, path, body) in the composer; the id field keeps its fresh id.
    void loadTemplate(const ApiTemplate &request);
    /// The composer's content as a template (named `name`).
    ApiTemplate currentTemplate(const QString &name = {}) const;
    /// Why Send is disabled, or empty when it is enabled.
    QString problem() const;

public slots:
    /// Submits the composed request (when valid) and puts a fresh id in the id field.
    void send();

signals:
    /// A request was handed to the client under `id`.
    void requestSubmitted(const QString &id);

private:
    /// Hands `request` to the client; with `continuesId` (the walk's last page) it is that
    /// walk's next page.
    void submit(const ApiRequest &request, const QString &continuesId = {});
    /// A request of this console ended: remembers the page after it, if any, and fetches it
    /// when "Fetch all" is under way.
    void handleFinished(const ApiResult &result);
    void fetchNextPage();
    void updatePaging();

    QPointer<ApiClient> m_client;
    ApiHistoryModel *m_history;
    SavedRequestStore *m_store;
    ApiComposerWidget *m_composer;
    ApiHistoryWidget *m_historyView;
    QSplitter *m_splitter;
    QPushButton *m_nextPage = nullptr;
    QPushButton *m_fetchAll = nullptr;
    PlainLabel *m_pagingLabel = nullptr;
    QMetaObject::Connection m_finishedConnection;
    std::optional<ApiRequest> m_pageAfter; ///< the page after the last paged response
    QString m_lastId;                      ///< the last request submitted here
    QString m_chainId;                     ///< the first page's id: the walk's name
    int m_pageNumber = 1;
    int m_pagesLeft = 0; ///< of a "Fetch all" under way
};

} // namespace allium
