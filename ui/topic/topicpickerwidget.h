// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace allium {

/// Chooses a stream topic: the known topics grouped by chain with their descriptions, a search
/// line that filters as you type, and free entry of any valid `<chain>.<kind>`.
class TopicPickerWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TopicPickerWidget(QWidget *parent = nullptr);

    /// The search text (what a free entry would subscribe to).
    QString searchText() const;
    void setSearchText(const QString &text);
    /// The known topic under the cursor in the list, or empty.
    QString currentTopic() const;

signals:
    /// The user picked `topic` (Enter, double-click, Subscribe or the Use button).
    void topicChosen(const QString &topic);
    /// The user asked for `topic` in a stream of its own (the list's context menu, or a
    /// middle click as for a link in a browser).
    void newStreamRequested(const QString &topic);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void handleSearchEdited(const QString &text);
    void handleReturnPressed();
    void handleActivated(const QModelIndex &index);
    void chooseFreeEntry();
    void chooseCurrent();
    void showTopicMenu(const QPoint &position);
    void selectFirstTopic();
    void updateFreeEntry();

    QLineEdit *m_search = nullptr;
    QTreeView *m_tree = nullptr;
    QPushButton *m_useButton = nullptr;
    QPushButton *m_subscribeButton = nullptr;
    QLabel *m_hint = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace allium
