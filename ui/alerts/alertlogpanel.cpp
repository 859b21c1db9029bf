// SPDX-License-Identifier: MIT
#include "ui/alerts/alertlogpanel.h"

#include "core/alerts/alertlogmodel.h"
#include "ui/text/plaintooltipfilter.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace allium {

AlertLogPanel::AlertLogPanel(AlertLogModel *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("alertLogView"));
    m_view->setModel(m_log);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    PlainToolTipFilter::install(m_view);

    m_message = new QPlainTextEdit(this);
    m_message->setObjectName(QStringLiteral("alertMessage"));
    m_message->setReadOnly(true);
    m_message->setPlaceholderText(tr("Select an alert to see the message that fired it"));
    m_showStream = new QPushButton(tr("Show &stream"), this);
    m_showStream->setObjectName(QStringLiteral("showAlertStream"));
    m_showStream->setEnabled(false);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_message, 1);
    detailLayout->addWidget(m_showStream, 0, Qt::AlignRight);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRow(current.row()); });
    // A row that scrolls out of a bounded log takes its message with it.
    connect(m_log, &QAbstractItemModel::rowsRemoved, this,
            [this] { showRow(m_view->currentIndex().row()); });
    connect(m_showStream, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid()) {
            emit streamRequested(current.data(AlertLogModel::TopicRole).toString(),
                                 current.data(AlertLogModel::SequenceRole).toULongLong());
        }
    });
    connect(m_view, &QTableView::doubleClicked, m_showStream, &QPushButton::click);
}

QString AlertLogPanel::shownMessage() const
{
    return m_message->toPlainText();
}

void AlertLogPanel::showRow(int row)
{
    if (row < 0 || row >= m_log->rowCount()) {
        m_message->clear();
        m_showStream->setEnabled(false);
        return;
    }
    const AlertEvent &entry = m_log->entry(row);
    const QJsonDocument document = QJsonDocument::fromJson(entry.message);
    QString text = entry.summary();
    if (document.isObject())
        text +=
            QStringLiteral("\n\n") + QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    else if (entry.messageBytes > 0)
        text += tr("\n\n(the message, %1 bytes, is too large to keep)").arg(entry.messageBytes);
    m_message->setPlainText(text);
    m_showStream->setEnabled(true);
}

} // namespace allium
