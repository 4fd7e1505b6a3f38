// Preloaded (`node --import`) into a service to run it with its clock off by CLOCK_SKEW_MS, as on
// a host whose clock drifted: Date.now() and new Date() are skewed; the database's clock is not.
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const RealDate = Date;

class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }

  static now() {
    return RealDate.now() + skew;
  }
}

globalThis.Date = SkewedDate;
