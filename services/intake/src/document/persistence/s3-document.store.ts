import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { checkedKey, type DocumentStore } from './document-store';

export interface S3StoreOptions {
  /** Unset: AWS itself; otherwise the S3-compatible server's URL. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Prepended to every key, so that one bucket can serve several deployments. */
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Content as objects "<prefix><case id>/<document id>" in one bucket of an S3-compatible store. */
export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      // S3-compatible servers serve buckets as paths; virtual hosts need DNS per bucket.
      forcePathStyle: options.endpoint !== undefined,
      credentials: {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      },
      // Checksums only where S3 requires them: not every compatible server knows the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string) {
    return { Bucket: this.options.bucket, Key: `${this.options.prefix}${checkedKey(key)}` };
  }

  async put(key: string, content: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ ...this.objectKey(key), Body: content }));
  }

  async get(key: string): Promise<Buffer> {
    const answer = await this.client.send(new GetObjectCommand(this.objectKey(key)));
    if (!answer.Body) throw new Error(`document ${key}: the store sent no content`);
    return Buffer.from(await answer.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand(this.objectKey(key)));
  }

  close(): void {
    this.client.destroy();
  }
}
