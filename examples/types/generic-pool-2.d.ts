// generic-pool 2.x ships no type declarations; the part of its API the demo uses.
declare module "generic-pool-2" {
  interface Factory<T> {
    name: string;
    create(done: (error: Error | null, resource: T) => void): void;
    destroy(resource: T): void;
    max: number;
  }
  class Pool<T> {
    constructor(factory: Factory<T>);
    acquire(callback: (error: Error | null, resource: T) => void): boolean;
    release(resource: T): void;
    drain(callback: () => void): void;
    destroyAllNow(callback?: () => void): void;
  }
  const genericPool: { Pool: typeof Pool };
  export default genericPool;
}
