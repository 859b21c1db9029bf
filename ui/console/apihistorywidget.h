// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"

#include <QByteArray>
#include <QModelIndex>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeView;

namespace allium {

class ApiClient;
class ApiExchangeView;
class ApiHistoryModel;
class ApiHistoryProxyModel;
class PlainLabel;

/// The API console's history: every request in a sortable tree with its status and latency (a
/// cursor walk is one row that expands to its pages), Resend, Cancel and Clear, the in-flight
/// count, the latency summary, how full the history is, and the selected request beside it with
/// its matched response (a walk's: the rows of all its pages as one table).
class ApiHistoryWidget : public QWidget
{
    Q_OBJECT
public:
    /// Shows `history` (not owned).
    explicit ApiHistoryWidget(ApiHistoryModel *history, QWidget *parent = nullptr);
    ~ApiHistoryWidget() override;

    /// The client whose counts it shows and whose requests Cancel cancels (not owned).
    void setApiClient(ApiClient *client);

    /// Selects the top-level row of request `id` (its walk's, for a page) and scrolls to it.
    void selectId(const QString &id);
    /// Shows `text` under the history (empty: hides the line).
    void showNotice(const QString &text);

    /// The splitter between the history and the exchange view, and the table header.
    QByteArray splitterState() const;
    QByteArray headerState() const;
    void restoreLayout(const QByteArray &splitterState, const QByteArray &headerState);

public slots:
    /// Emits resendRequested() with the selected row's request.
    void resendSelected();
    /// Cancels the selected request if it is still queued or in flight.
    void cancelSelected();

signals:
    /// The user asked to send the selected row's `request` again (under a new id).
    void resendRequested(const ApiRequest &request);
    /// The user double-clicked a row to edit its `request` in the composer.
    void requestChosen(const ApiRequest &request);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateCounts(int inFlight, int queued);
    void updateStats();
    void updateFill();
    void updateDetail();
    void updateSelectionActions();
    /// The selected row in the history model (a walk, a page or a single request), or invalid.
    QModelIndex selectedSourceIndex() const;

    QPointer<ApiClient> m_client;
    QMetaObject::Connection m_clientConnection;
    ApiHistoryModel *m_history;
    ApiHistoryProxyModel *m_proxy;

    QTreeView *m_table = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_stats = nullptr;
    PlainLabel *m_fill = nullptr;
    PlainLabel *m_notice = nullptr;
    ApiExchangeView *m_exchange = nullptr;
    QSplitter *m_splitter = nullptr;
    bool m_showingWalk = false; ///< the detail shows a walk (not one request)
};

} // namespace allium
