const { MongoClient } = require('mongodb');
const { orgDirectory } = require('@mediation/org-directory');
const { startIntake } = require('../lib/intake-process');
const { buildCity, loadCity } = require('./case-view/city-store');
(async () => {
  const dbName = process.argv[2];
  const mongo = await MongoClient.connect('mongodb://127.0.0.1:27017');
  const db = mongo.db(dbName);
  if (process.argv[3] === 'load') {
    const intake = await startIntake({
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      MONGO_DB: dbName,
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    const city = buildCity(orgDirectory(), {
      cases: Number(process.argv[4]),
      years: 2,
      seed: 14,
      now: new Date(),
    });
    console.log(await loadCity(db, city));
    await intake.stop();
  }
  console.log(await db.collection('cases').indexes());
  const t = async (name, filter, sort) => {
    const t0 = Date.now();
    const docs = await db
      .collection('cases')
      .find(filter, { projection: { outbox: 0 } })
      .sort(sort)
      .limit(51)
      .toArray();
    const ms = Date.now() - t0;
    const ex = await db.collection('cases').find(filter).sort(sort).limit(51).explain();
    console.log(name, docs.length, ms, 'ms', JSON.stringify(ex).slice(0, 600));
  };
  await t('street', { orgPath: '210202002' }, { registeredAt: -1, _id: -1 });
  await t('street-nosort', { orgPath: '210202002' }, {});
  await t('id', { _id: 'x' }, {});
  await t('phone', { 'parties.phoneHash': 'x' }, { registeredAt: -1, _id: -1 });
  await t('all', {}, { registeredAt: -1, _id: -1 });
  await t('all-nosort', {}, {});
  await mongo.close();
})();
