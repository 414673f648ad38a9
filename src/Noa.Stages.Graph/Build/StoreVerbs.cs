namespace Noa.Stages.Graph.Build;

/// <summary>Which imports are data stores and queues, and which store methods write.</summary>
internal static class StoreVerbs
{
    // (language, module prefix) → store. A prefix matches the module or any module under it. Of AWS's SDKs only the S3 service is
    // a store (SNS, SQS, STS … are services an app calls, not data it keeps): where the SDK has a package per service (Go, Java,
    // JavaScript v3, Rust, .NET) that package decides; the monolithic ones (boto3, aws-sdk v2) say only "aws", read as S3.
    private static readonly (string Language, string Prefix, string Store)[] Modules =
    [
        ("python", "psycopg", "postgres"), ("python", "psycopg2", "postgres"), ("python", "asyncpg", "postgres"),
        ("python", "sqlite3", "sqlite"), ("python", "pymysql", "mysql"), ("python", "MySQLdb", "mysql"), ("python", "mysql.connector", "mysql"),
        ("python", "sqlalchemy", "sql"), ("python", "django.db", "sql"), ("python", "redis", "redis"), ("python", "pymongo", "mongodb"),
        ("python", "motor", "mongodb"), ("python", "boto3", "aws"), ("python", "kafka", "kafka"), ("python", "confluent_kafka", "kafka"),
        ("python", "pika", "rabbitmq"), ("python", "elasticsearch", "elasticsearch"), ("python", "dbm", "dbm"), ("python", "shelve", "dbm"),
        ("javascript", "pg", "postgres"), ("javascript", "mysql", "mysql"), ("javascript", "mysql2", "mysql"), ("javascript", "sqlite3", "sqlite"),
        ("javascript", "better-sqlite3", "sqlite"), ("javascript", "redis", "redis"), ("javascript", "ioredis", "redis"),
        ("javascript", "mongodb", "mongodb"), ("javascript", "mongoose", "mongodb"), ("javascript", "kafkajs", "kafka"),
        ("javascript", "amqplib", "rabbitmq"), ("javascript", "@aws-sdk/client-s3", "s3"), ("javascript", "@aws-sdk/lib-storage", "s3"), ("javascript", "aws-sdk", "aws"), ("javascript", "knex", "sql"),
        ("javascript", "sequelize", "sql"), ("javascript", "@prisma/client", "sql"), ("javascript", "typeorm", "sql"), ("javascript", "nats", "nats"),
        ("go", "database/sql", "sql"), ("go", "github.com/lib/pq", "postgres"), ("go", "github.com/jackc/pgx", "postgres"),
        ("go", "github.com/go-sql-driver/mysql", "mysql"), ("go", "github.com/mattn/go-sqlite3", "sqlite"), ("go", "github.com/redis/go-redis", "redis"),
        ("go", "github.com/go-redis/redis", "redis"), ("go", "go.mongodb.org/mongo-driver", "mongodb"), ("go", "github.com/segmentio/kafka-go", "kafka"),
        ("go", "github.com/Shopify/sarama", "kafka"), ("go", "github.com/IBM/sarama", "kafka"), ("go", "github.com/aws/aws-sdk-go/service/s3", "s3"),
        ("go", "github.com/aws/aws-sdk-go-v2/service/s3", "s3"), ("go", "github.com/aws/aws-sdk-go-v2/feature/s3", "s3"), ("go", "github.com/nats-io/nats.go", "nats"), ("go", "gorm.io/gorm", "sql"),
        ("rust", "sqlx", "sql"), ("rust", "diesel", "sql"), ("rust", "redis", "redis"), ("rust", "mongodb", "mongodb"), ("rust", "rusqlite", "sqlite"),
        ("rust", "postgres", "postgres"), ("rust", "tokio_postgres", "postgres"), ("rust", "rdkafka", "kafka"), ("rust", "lapin", "rabbitmq"),
        ("rust", "aws_sdk_s3", "s3"), ("rust", "async_nats", "nats"),
        ("java", "java.sql", "sql"), ("java", "javax.sql", "sql"), ("java", "redis.clients.jedis", "redis"), ("java", "com.mongodb", "mongodb"),
        ("java", "org.apache.kafka", "kafka"), ("java", "javax.persistence", "sql"), ("java", "jakarta.persistence", "sql"),
        ("java", "software.amazon.awssdk.services.s3", "s3"), ("java", "com.amazonaws.services.s3", "s3"), ("java", "org.springframework.jdbc", "sql"),
        ("java", "org.springframework.data.redis", "redis"), ("java", "com.rabbitmq", "rabbitmq"),
        ("csharp", "Npgsql", "postgres"), ("csharp", "Microsoft.Data.Sqlite", "sqlite"), ("csharp", "System.Data.SQLite", "sqlite"),
        ("csharp", "Microsoft.Data.SqlClient", "sqlserver"), ("csharp", "System.Data.SqlClient", "sqlserver"), ("csharp", "MySqlConnector", "mysql"),
        ("csharp", "StackExchange.Redis", "redis"), ("csharp", "MongoDB.Driver", "mongodb"), ("csharp", "Confluent.Kafka", "kafka"),
        ("csharp", "RabbitMQ.Client", "rabbitmq"), ("csharp", "Amazon.S3", "s3"), ("csharp", "Microsoft.EntityFrameworkCore", "sql"),
        ("csharp", "Dapper", "sql"), ("csharp", "NATS.Client", "nats"), ("csharp", "NATS.Net", "nats"),
    ];

    private static readonly string[] WriteWords =
    [
        "insert", "update", "delete", "remove", "set", "put", "save", "store", "write", "exec", "execute", "create", "drop",
        "add", "push", "publish", "send", "upsert", "replace", "commit", "hset", "lpush", "rpush", "incr", "expire", "del",
    ];

    /// <summary>The store an import refers to, or null.</summary>
    public static string? StoreOf(string language, string module)
    {
        var lang = language == "typescript" ? "javascript" : language;
        foreach (var (l, prefix, store) in Modules)
        {
            if (l == lang && (module == prefix || module.StartsWith(prefix + (lang is "go" or "javascript" ? "/" : lang == "rust" ? "::" : "."), StringComparison.Ordinal)))
            {
                return store;
            }
        }
        return null;
    }

    /// <summary>True when a store method's name says it writes (insert, set, save, exec…); reads otherwise.</summary>
    public static bool IsWrite(string method)
    {
        var m = method.ToLowerInvariant();
        return WriteWords.Any(w => m.StartsWith(w, StringComparison.Ordinal) || m.Contains("_" + w, StringComparison.Ordinal)) ||
               m is "executenonquery" or "executeupdate" or "stringset";
    }

    /// <summary>A description of a store.</summary>
    public static string Describe(string store) => store switch
    {
        "sql" => "SQL database (driver-neutral)",
        "aws" => "AWS services",
        "kafka" or "rabbitmq" or "nats" => "message queue",
        _ => "data store",
    };
}
