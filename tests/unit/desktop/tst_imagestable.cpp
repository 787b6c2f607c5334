// The images table's sorting (src/desktop/imagestable.h) over a
// QStandardItemModel with the images model's role names: each column both
// ways, numbers as numbers, text any case in the language's order, "<none>"
// last, and the order kept as the list changes, under Qt's model tester.

#include "desktop/imagestable.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

enum Role { Key = Qt::UserRole + 1, Repository, Tag, ShortId, Size, Created };

QList<QStandardItem *> imageRow(
    const QString &key, const QString &repository, const QString &tag, double size, qint64 created)
{
    auto *item = new QStandardItem;
    item->setData(key, Key);
    item->setData(repository, Repository);
    item->setData(tag, Tag);
    item->setData(key.left(12), ShortId);
    item->setData(size, Size);
    item->setData(created, Created);
    return { item };
}

} // namespace

class TestImagesTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init()
    {
        source_ = std::make_unique<QStandardItemModel>();
        source_->setItemRoleNames({ { Key, "key" }, { Repository, "repository" }, { Tag, "tag" },
            { ShortId, "shortId" }, { Size, "size" }, { Created, "created" } });
        source_->appendRow(imageRow(u"aaa"_s, u"busybox"_s, u"v10"_s, 4e6, 100));
        source_->appendRow(imageRow(u"bbb"_s, u"<none>"_s, u"<none>"_s, 9e6, 400));
        source_->appendRow(imageRow(u"ccc"_s, u"Alpine"_s, u"v9"_s, 10e6, 300));
        source_->appendRow(imageRow(u"ddd"_s, u"Ébène"_s, u"latest"_s, 100e6, 200));
        source_->appendRow(imageRow(u"eee"_s, u"zeta"_s, u"<none>"_s, 5e5, 50));
        table_ = std::make_unique<ImagesTable>(*source_);
        new QAbstractItemModelTester(
            table_.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, table_.get());
    }
    void cleanup()
    {
        table_.reset();
        source_.reset();
    }

    void newestFirst()
    {
        QCOMPARE(table_->sortColumn(), u"created"_s);
        QVERIFY(!table_->ascending());
        QCOMPARE(keys(), (QStringList{ u"bbb"_s, u"ccc"_s, u"ddd"_s, u"aaa"_s, u"eee"_s }));
        QCOMPARE(table_->count(), 5);
    }

    void textAscendingThenTurned()
    {
        QSignalSpy column(table_.get(), &ImagesTable::sortColumnChanged);
        QSignalSpy order(table_.get(), &ImagesTable::ascendingChanged);
        table_->sortBy(u"repository"_s);
        QCOMPARE(table_->sortColumn(), u"repository"_s);
        QVERIFY(table_->ascending());
        QCOMPARE(column.size(), 1);
        QCOMPARE(order.size(), 1);
        // Any case, É with E, <none> last.
        QCOMPARE(keys(), (QStringList{ u"ccc"_s, u"aaa"_s, u"ddd"_s, u"eee"_s, u"bbb"_s }));
        table_->sortBy(u"repository"_s);
        QVERIFY(!table_->ascending());
        QCOMPARE(column.size(), 1);
        QCOMPARE(order.size(), 2);
        QCOMPARE(keys(), (QStringList{ u"eee"_s, u"ddd"_s, u"aaa"_s, u"ccc"_s, u"bbb"_s }));
    }

    void tagsInNumberOrderNoneLast()
    {
        table_->sortBy(u"tag"_s);
        QCOMPARE(keys(), (QStringList{ u"ddd"_s, u"ccc"_s, u"aaa"_s, u"bbb"_s, u"eee"_s }));
        table_->sortBy(u"tag"_s);
        QCOMPARE(keys(), (QStringList{ u"aaa"_s, u"ccc"_s, u"ddd"_s, u"bbb"_s, u"eee"_s }));
    }

    void sizeAsNumbers()
    {
        table_->sortBy(u"size"_s);
        QVERIFY(!table_->ascending());
        QCOMPARE(keys(), (QStringList{ u"ddd"_s, u"ccc"_s, u"bbb"_s, u"aaa"_s, u"eee"_s }));
        table_->sortBy(u"size"_s);
        QCOMPARE(keys(), (QStringList{ u"eee"_s, u"aaa"_s, u"bbb"_s, u"ccc"_s, u"ddd"_s }));
    }

    void unknownColumnRefused()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no column \"colour\""_s));
        table_->sortBy(u"colour"_s);
        QCOMPARE(table_->sortColumn(), u"created"_s);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no column \"colour\""_s));
        table_->setSortColumn(u"colour"_s);
        QCOMPARE(table_->sortColumn(), u"created"_s);
    }

    void rowsByRole()
    {
        table_->sortBy(u"repository"_s);
        const QVariantMap first = table_->get(0);
        QCOMPARE(first.value(u"key"_s).toString(), u"ccc"_s);
        QCOMPARE(first.value(u"repository"_s).toString(), u"Alpine"_s);
        QCOMPARE(first.value(u"tag"_s).toString(), u"v9"_s);
        QCOMPARE(first.value(u"size"_s).toDouble(), 10e6);
        QCOMPARE(first.value(u"created"_s).toLongLong(), 300);
        QVERIFY(table_->get(5).isEmpty());
        QVERIFY(table_->get(-1).isEmpty());
    }

    void keptSortedAsTheListChanges()
    {
        table_->sortBy(u"repository"_s);
        QSignalSpy count(table_.get(), &ImagesTable::countChanged);
        source_->insertRow(0, imageRow(u"fff"_s, u"nginx"_s, u"1.27"_s, 1e6, 500));
        QCOMPARE(count.size(), 1);
        QCOMPARE(keys(), (QStringList{ u"ccc"_s, u"aaa"_s, u"ddd"_s, u"fff"_s, u"eee"_s, u"bbb"_s }));
        // A row whose value changes moves to its place.
        source_->item(0)->setData(u"a-first"_s, Repository);
        QCOMPARE(keys().first(), u"fff"_s);
        source_->removeRow(0);
        QCOMPARE(count.size(), 2);
        QCOMPARE(table_->count(), 5);
    }

private:
    QStringList keys() const
    {
        QStringList keys;
        for (int row = 0; row < table_->rowCount(); ++row)
            keys.append(table_->index(row, 0).data(Key).toString());
        return keys;
    }

    std::unique_ptr<QStandardItemModel> source_;
    std::unique_ptr<ImagesTable> table_;
};

QTEST_GUILESS_MAIN(TestImagesTable)
#include "tst_imagestable.moc"
